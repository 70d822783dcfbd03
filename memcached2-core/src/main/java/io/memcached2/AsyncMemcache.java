package io.memcached2;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The asynchronous client: the same commands as {@link Memcache}, each returning a {@link CompletableFuture}.
 * A miss of a read completes with null; every other refusal or failure completes the future exceptionally with the
 * exception the blocking client would throw. Futures complete on the client's callback executor, never on an I/O
 * thread. Invalid arguments (the rules of {@link Memcache}: a bad key, a null value or {@link Store}, a bad TTL, a
 * negative delta, a CAS unique of 0) throw at once, before anything is sent.
 *
 * @param <V> the value type
 */
public interface AsyncMemcache<V> {
    /**
     * @param key the key to read
     * @return a future completed with the value, or with null on a miss; see {@link Memcache#get}
     */
    CompletableFuture<V> get(String key);

    /**
     * @param key the key to read
     * @return a future completed with the item with its CAS unique, or with null on a miss; see {@link Memcache#gets}
     */
    CompletableFuture<Item<V>> gets(String key);

    /**
     * @param key the key to read
     * @param ttl the item's new TTL; zero for never expiring
     * @return a future completed with the value after resetting its TTL, or with null on a miss; see
     *     {@link Memcache#gat}
     */
    CompletableFuture<V> gat(String key, Duration ttl);

    /**
     * @param key the key to read
     * @param ttl the item's new TTL; zero for never expiring
     * @return a future completed with the item after resetting its TTL, or with null on a miss; see
     *     {@link Memcache#gats}
     */
    CompletableFuture<Item<V>> gats(String key, Duration ttl);

    /**
     * @param keys the keys to read, each a valid key; not null; may be empty
     * @return a future completed with the hits among the keys, in their order, misses absent; it fails with
     *     {@link MultiRetrieveException} if some servers failed; see {@link Memcache#getMulti}
     */
    CompletableFuture<Map<String, V>> getMulti(Collection<String> keys);

    /**
     * @param keys the keys to read, each a valid key; not null; may be empty
     * @return a future completed with the hits among the keys, with CAS uniques; it fails as {@link #getMulti} does;
     *     see {@link Memcache#getsMulti}
     */
    CompletableFuture<Map<String, Item<V>>> getsMulti(Collection<String> keys);

    /**
     * Stores unconditionally; see {@link Memcache#set(String, Object)}.
     *
     * @param key the key to store under
     * @param value the value; not null
     * @return a future completed with null once stored
     */
    default CompletableFuture<Void> set(String key, V value) {
        return set(key, value, Store.DEFAULT);
    }

    /**
     * Stores unconditionally; see {@link Memcache#set(String, Object, Store)}.
     *
     * @param key the key to store under
     * @param value the value; not null
     * @param options the TTL and flags; not null
     * @return a future completed with null once stored
     */
    CompletableFuture<Void> set(String key, V value, Store options);

    /**
     * Stores only if absent.
     *
     * @param key the key to store under
     * @param value the value; not null
     * @return a future completed with null once stored; it fails with {@link NotStored} if the key exists
     */
    default CompletableFuture<Void> add(String key, V value) {
        return add(key, value, Store.DEFAULT);
    }

    /**
     * Stores only if absent.
     *
     * @param key the key to store under
     * @param value the value; not null
     * @param options the TTL and flags; not null
     * @return a future completed with null once stored; it fails with {@link NotStored} if the key exists
     */
    CompletableFuture<Void> add(String key, V value, Store options);

    /**
     * Stores only if present.
     *
     * @param key the key to store under
     * @param value the value; not null
     * @return a future completed with null once stored; it fails with {@link NotStored} if the key is absent
     */
    default CompletableFuture<Void> replace(String key, V value) {
        return replace(key, value, Store.DEFAULT);
    }

    /**
     * Stores only if present.
     *
     * @param key the key to store under
     * @param value the value; not null
     * @param options the TTL and flags; not null
     * @return a future completed with null once stored; it fails with {@link NotStored} if the key is absent
     */
    CompletableFuture<Void> replace(String key, V value, Store options);

    /**
     * Appends to an existing value; see {@link Memcache#append}.
     *
     * @param key the key of the existing value
     * @param value what to append, encoded by the transcoder; not null
     * @return a future completed with null once appended; it fails with {@link NotStored} if the key is absent
     */
    CompletableFuture<Void> append(String key, V value);

    /**
     * Prepends to an existing value; see {@link Memcache#prepend}.
     *
     * @param key the key of the existing value
     * @param value what to prepend, encoded by the transcoder; not null
     * @return a future completed with null once prepended; it fails with {@link NotStored} if the key is absent
     */
    CompletableFuture<Void> prepend(String key, V value);

    /**
     * Compare-and-swap; see {@link Memcache#cas}.
     *
     * @param key the key to store under
     * @param value the value; not null
     * @param cas the CAS unique read with the item ({@link Item#cas()}); not 0
     * @return a future completed with null once stored; it fails with {@link CASFailure} if the item changed, or
     *     {@link NotFound} if it is gone
     */
    default CompletableFuture<Void> cas(String key, V value, long cas) {
        return cas(key, value, cas, Store.DEFAULT);
    }

    /**
     * Compare-and-swap with options; see {@link Memcache#cas(String, Object, long, Store)}.
     *
     * @param key the key to store under
     * @param value the value; not null
     * @param cas the CAS unique read with the item ({@link Item#cas()}); not 0
     * @param options the TTL and flags; not null
     * @return a future completed with null once stored; it fails with {@link CASFailure} if the item changed, or
     *     {@link NotFound} if it is gone
     */
    CompletableFuture<Void> cas(String key, V value, long cas, Store options);

    /**
     * @param key the key to delete
     * @return a future completed with true if deleted, false if there was no such key
     */
    CompletableFuture<Boolean> delete(String key);

    /**
     * Deletes only if the item still has this CAS unique; see {@link Memcache#delete(String, long)}.
     *
     * @param key the key to delete
     * @param cas the CAS unique read with the item ({@link Item#cas()}); not 0
     * @return a future completed with true if deleted, false if absent; it fails with {@link CASFailure} if the item
     *     changed, and with {@link IllegalArgumentException} over the text protocol, which cannot carry it
     */
    CompletableFuture<Boolean> delete(String key, long cas);

    /**
     * @param key the key to delete from every server
     * @return a future completed with true if any server held the key; it fails as {@link Memcache#deleteAll} throws
     *     ({@link MultiServerException} if some servers failed)
     */
    CompletableFuture<Boolean> deleteAll(String key);

    /**
     * @param key the key to invalidate
     * @return a future completed with true if the key existed, false if not; see {@link Memcache#invalidate}
     */
    CompletableFuture<Boolean> invalidate(String key);

    /**
     * @param keys the keys to delete, each a valid key; not null; a repeated key is deleted once
     * @return a future completed with each distinct key's outcome: true if deleted, false if absent; it fails as
     *     {@link Memcache#deleteMulti} throws ({@link MultiDeleteException})
     */
    CompletableFuture<Map<String, Boolean>> deleteMulti(Collection<String> keys);

    /**
     * Resets a TTL.
     *
     * @param key the key to touch
     * @param ttl the item's new TTL; zero for never expiring
     * @return a future completed with null once touched; it fails with {@link NotFound} if the key is absent
     */
    CompletableFuture<Void> touch(String key, Duration ttl);

    /**
     * @param key the counter's key
     * @param delta how much to add; not negative
     * @return a future completed with the new value (unsigned 64-bit, wrapping at 2^64); it fails with
     *     {@link NotFound} if absent or {@link NonNumeric} if the value is not a decimal number
     */
    CompletableFuture<Long> incr(String key, long delta);

    /**
     * @param key the counter's key
     * @param delta how much to add to an existing counter; not negative
     * @param initial the value of a counter this call creates, read as unsigned 64-bit; the delta is not added to it
     * @param ttl the TTL of a counter this call creates (an existing counter keeps its own); zero for never expiring
     * @return a future completed with the new value, or with {@code initial} if this call created the counter; it
     *     fails with {@link NonNumeric} if the value is not a decimal number; see
     *     {@link Memcache#incr(String, long, long, Duration)}
     */
    CompletableFuture<Long> incr(String key, long delta, long initial, Duration ttl);

    /**
     * @param key the counter's key
     * @param delta how much to subtract; not negative
     * @return a future completed with the new value (never below 0); it fails with {@link NotFound} if absent or
     *     {@link NonNumeric} if the value is not a decimal number
     */
    CompletableFuture<Long> decr(String key, long delta);

    /**
     * @param key the counter's key
     * @param delta how much to subtract from an existing counter; not negative
     * @param initial the value of a counter this call creates, read as unsigned 64-bit; the delta is not subtracted
     * @param ttl the TTL of a counter this call creates (an existing counter keeps its own); zero for never expiring
     * @return a future completed with the new value (never below 0), or with {@code initial} if this call created
     *     the counter; it fails with {@link NonNumeric} if the value is not a decimal number
     */
    CompletableFuture<Long> decr(String key, long delta, long initial, Duration ttl);

    /**
     * @param values the values by key; not null, no null value; may be empty
     * @return a future completed with each key's outcome; it fails with {@link MultiStorageException}, carrying every
     *     key's outcome, if a server failed part-way; see {@link Memcache#setMulti(Map)}
     */
    default CompletableFuture<Map<String, StoreResult>> setMulti(Map<String, V> values) {
        return setMulti(values, Store.DEFAULT);
    }

    /**
     * @param values the values by key; not null, no null value; may be empty
     * @param options the TTL and flags of every value; not null
     * @return a future completed with each key's outcome; it fails as {@link #setMulti(Map)} does; see
     *     {@link Memcache#setMulti(Map, Store)}
     */
    CompletableFuture<Map<String, StoreResult>> setMulti(Map<String, V> values, Store options);

    /**
     * {@link Memcache#cache(String, Function)} without a waiting thread: the loader runs on the client's loader
     * executor (a pool of its own unless configured), never on the callback executor, and waiting for another
     * caller's lease is a re-read scheduled after a pause, so no thread is held while it lasts.
     *
     * @param key the key to read and store under
     * @param loader computes the value of the key on a miss; not null, and must not return null
     * @return a future completed with the cached value, or the loader's result after storing it; it fails with what
     *     the loader threw, or with {@link NullPointerException} if the loader returned null (nothing is stored then)
     */
    default CompletableFuture<V> cache(String key, Function<String, V> loader) {
        return cache(key, loader, Store.DEFAULT);
    }

    /**
     * {@link #cache(String, Function)} storing with these options.
     *
     * @param key the key to read and store under
     * @param loader computes the value of the key on a miss; not null, and must not return null
     * @param options the TTL and flags of a loaded value, and its early refresh ({@link Store#refreshAhead}); not null
     * @return a future completed with the cached or loaded value; it fails as {@link #cache(String, Function)} does
     */
    CompletableFuture<V> cache(String key, Function<String, V> loader, Store options);

    /**
     * Invalidates every item on every server.
     *
     * @return a future completed with null once every server flushed; it fails as {@link Memcache#flushAll()} throws
     *     ({@link MultiServerException} if some servers failed)
     */
    default CompletableFuture<Void> flushAll() {
        return flushAll(Duration.ZERO);
    }

    /**
     * Invalidates every item on every server after a delay.
     *
     * @param delay how long until the items are invalidated; zero for at once
     * @return a future completed with null once every server accepted the flush; it fails as {@link #flushAll()} does
     */
    CompletableFuture<Void> flushAll(Duration delay);

    /**
     * @return a future completed with general statistics, one entry per server in configuration order, null for a
     *     server that failed to answer
     */
    default CompletableFuture<List<ServerStats>> stats() {
        return stats(null);
    }

    /**
     * @param kind a stats sub-command of memcached 1.6, as listed for {@link Memcache#stats(String)}; null for the
     *     general statistics
     * @return a future completed with the answers, one entry per server in configuration order, null for a server
     *     that failed to answer; see {@link Memcache#stats(String)}
     * @throws IllegalArgumentException at once, naming the sub-command, for one memcached 1.6 does not have
     */
    CompletableFuture<List<ServerStats>> stats(String kind);

    /**
     * @return a future completed with each server's version, in configuration order, null for a server that failed
     *     to answer
     */
    CompletableFuture<Map<ServerAddress, String>> version();
}
