package io.memcached2;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The asynchronous client: the same commands as {@link Memcache}, each returning a {@link CompletableFuture}.
 * A miss completes with null; every other refusal or failure completes the future exceptionally with the exception
 * the blocking client would throw. Futures complete on the client's callback executor, never on an I/O thread.
 * Invalid arguments (a bad key, a null value) throw at once, before anything is sent.
 *
 * @param <V> the value type
 */
public interface AsyncMemcache<V> {
    /** @return the value, or null on a miss; see {@link Memcache#get} */
    CompletableFuture<V> get(String key);

    /** @return the item with its CAS unique, or null on a miss; see {@link Memcache#gets} */
    CompletableFuture<Item<V>> gets(String key);

    /** @return the value after resetting its TTL, or null on a miss; see {@link Memcache#gat} */
    CompletableFuture<V> gat(String key, Duration ttl);

    /** @return the item after resetting its TTL, or null on a miss; see {@link Memcache#gats} */
    CompletableFuture<Item<V>> gats(String key, Duration ttl);

    /** @return the hits among the keys; see {@link Memcache#getMulti} */
    CompletableFuture<Map<String, V>> getMulti(Collection<String> keys);

    /** @return the hits among the keys, with CAS uniques; see {@link Memcache#getsMulti} */
    CompletableFuture<Map<String, Item<V>>> getsMulti(Collection<String> keys);

    /** Stores unconditionally; see {@link Memcache#set(String, Object)}. */
    default CompletableFuture<Void> set(String key, V value) {
        return set(key, value, Store.DEFAULT);
    }

    /** Stores unconditionally; see {@link Memcache#set(String, Object, Store)}. */
    CompletableFuture<Void> set(String key, V value, Store options);

    /** Stores only if absent; fails with {@link NotStored} otherwise. */
    default CompletableFuture<Void> add(String key, V value) {
        return add(key, value, Store.DEFAULT);
    }

    /** Stores only if absent; fails with {@link NotStored} otherwise. */
    CompletableFuture<Void> add(String key, V value, Store options);

    /** Stores only if present; fails with {@link NotStored} otherwise. */
    default CompletableFuture<Void> replace(String key, V value) {
        return replace(key, value, Store.DEFAULT);
    }

    /** Stores only if present; fails with {@link NotStored} otherwise. */
    CompletableFuture<Void> replace(String key, V value, Store options);

    /** Appends to an existing value; fails with {@link NotStored} if absent. */
    CompletableFuture<Void> append(String key, V value);

    /** Prepends to an existing value; fails with {@link NotStored} if absent. */
    CompletableFuture<Void> prepend(String key, V value);

    /** Compare-and-swap; fails with {@link CASFailure} or {@link NotFound}; see {@link Memcache#cas}. */
    default CompletableFuture<Void> cas(String key, V value, long cas) {
        return cas(key, value, cas, Store.DEFAULT);
    }

    /** Compare-and-swap with options; see {@link Memcache#cas(String, Object, long, Store)}. */
    CompletableFuture<Void> cas(String key, V value, long cas, Store options);

    /** @return true if deleted, false if there was no such key */
    CompletableFuture<Boolean> delete(String key);

    /** @return true if deleted, false if absent; fails with {@link CASFailure} if the item changed */
    CompletableFuture<Boolean> delete(String key, long cas);

    /** @return true if any server held the key; fails as {@link Memcache#deleteAll} throws */
    CompletableFuture<Boolean> deleteAll(String key);

    /** @return true if the key existed; see {@link Memcache#invalidate} */
    CompletableFuture<Boolean> invalidate(String key);

    /**
     * @return each key's outcome: true if deleted; fails as {@link Memcache#deleteMulti} throws
     *     ({@link MultiDeleteException})
     */
    CompletableFuture<Map<String, Boolean>> deleteMulti(Collection<String> keys);

    /** Resets a TTL; fails with {@link NotFound} if absent. */
    CompletableFuture<Void> touch(String key, Duration ttl);

    /** @return the new value; fails with {@link NotFound} or {@link NonNumeric} */
    CompletableFuture<Long> incr(String key, long delta);

    /** @return the new value, creating the counter at {@code initial} when absent; see {@link Memcache#incr(String, long, long, Duration)} */
    CompletableFuture<Long> incr(String key, long delta, long initial, Duration ttl);

    /** @return the new value (never below 0); fails with {@link NotFound} or {@link NonNumeric} */
    CompletableFuture<Long> decr(String key, long delta);

    /** @return the new value, creating the counter at {@code initial} when absent */
    CompletableFuture<Long> decr(String key, long delta, long initial, Duration ttl);

    /** @return each key's outcome; see {@link Memcache#setMulti(Map)} */
    default CompletableFuture<Map<String, StoreResult>> setMulti(Map<String, V> values) {
        return setMulti(values, Store.DEFAULT);
    }

    /** @return each key's outcome; see {@link Memcache#setMulti(Map, Store)} */
    CompletableFuture<Map<String, StoreResult>> setMulti(Map<String, V> values, Store options);

    /**
     * {@link Memcache#cache(String, Function)} without a waiting thread: the loader runs on the client's loader
     * executor (a pool of its own unless configured), never on the callback executor, and waiting for another
     * caller's lease is a re-read scheduled after a pause, so no thread is held while it lasts.
     *
     * @return the cached value, or the loader's result after storing it
     */
    default CompletableFuture<V> cache(String key, Function<String, V> loader) {
        return cache(key, loader, Store.DEFAULT);
    }

    /**
     * {@link #cache(String, Function)} storing with these options.
     *
     * @return the cached or loaded value
     */
    CompletableFuture<V> cache(String key, Function<String, V> loader, Store options);

    /** Invalidates every item on every server; fails as {@link Memcache#flushAll()} throws. */
    default CompletableFuture<Void> flushAll() {
        return flushAll(Duration.ZERO);
    }

    /** Invalidates every item on every server after a delay; fails as {@link #flushAll()} does. */
    CompletableFuture<Void> flushAll(Duration delay);

    /** @return general statistics, one entry per server, null for a server that did not answer */
    default CompletableFuture<List<ServerStats>> stats() {
        return stats(null);
    }

    /**
     * @return the answers to a stats sub-command, one entry per server, null where down; throws
     *     {@link IllegalArgumentException} at once for a sub-command memcached 1.6 does not have; see
     *     {@link Memcache#stats(String)}
     */
    CompletableFuture<List<ServerStats>> stats(String kind);

    /** @return each server's version, null for a server that did not answer */
    CompletableFuture<Map<ServerAddress, String>> version();
}
