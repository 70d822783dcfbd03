package io.memcached2;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * The seed's "exceptions are misses" interface: a cache that never lets its own trouble break the caller. Reads
 * return null (or a partial map) on a miss or on server trouble; stores, deletes and touch return {@code false}
 * when the command did not take effect (not stored, not found, CAS failure) or the servers are in trouble;
 * incr and decr return null. Commands to every server or to many keys answer for the servers or keys they could
 * reach: a key or server in trouble reads as a miss ({@code false} for a delete, null for statistics or a version).
 * Obtain one with {@link Memcache#exceptionsAreMisses()}; it shares the client's
 * connections and is as thread-safe as the client.
 *
 * <p>Server trouble means {@link ServerDisconnect} and its subclasses (timeouts included), {@link Overloaded},
 * {@link ProtocolError}, {@link ServerError} and {@link NoAvailableServers}. It is logged once per change of state,
 * not once per call: a warning for the first failure after a success, an info line for the first success after
 * failures (logger {@code io.memcached2.ExceptionsAreMissesMemcache}).
 *
 * <p>Programming errors still throw: a bad key ({@link IllegalArgumentException}), a null value
 * ({@link NullPointerException}), a value over the maximum item size, incr on a value that is not a number
 * ({@link NonNumeric}), and whatever a loader given to {@link #cache} throws.
 *
 * @param <V> the value type
 */
public final class ExceptionsAreMissesMemcache<V> {
    private final Memcache<V> memcache;
    private final TroubleLog trouble;

    ExceptionsAreMissesMemcache(Memcache<V> memcache) {
        this.memcache = Objects.requireNonNull(memcache, "memcache");
        this.trouble = new TroubleLog(LoggerFactory.getLogger(ExceptionsAreMissesMemcache.class));
    }

    /** @return the client this wraps, whose methods throw the seed's exceptions */
    public Memcache<V> errorsExposed() {
        return memcache;
    }

    /**
     * Runs a command, turning the refusals of its contract and server trouble into {@code otherwise}.
     * Refusals count as the servers answering: only trouble changes the logged state.
     */
    private <T> T attempt(Supplier<T> command, T otherwise) {
        try {
            T result = command.get();
            trouble.succeeded();
            return result;
        } catch (NoValue | NotStored | NotFound | CASFailure refused) {
            trouble.succeeded();
            return otherwise;
        } catch (RuntimeException e) {
            if (!isTrouble(e)) {
                throw e;
            }
            trouble.failed(e);
            return otherwise;
        }
    }

    /** Server trouble, some servers' trouble included: a command to every server that failed on some of them. */
    private static boolean isTrouble(RuntimeException e) {
        return TroubleLog.isTrouble(e) || e instanceof MultiServerException && TroubleLog.isTrouble(e.getCause());
    }

    private boolean attempt(Runnable command) {
        return attempt(
                () -> {
                    command.run();
                    return Boolean.TRUE;
                },
                Boolean.FALSE);
    }

    /**
     * As {@link Memcache#get}.
     *
     * @param key the key to read
     * @return the value, or null on a miss or server trouble
     */
    public V get(String key) {
        return attempt(() -> memcache.get(key), null);
    }

    /**
     * As {@link Memcache#gets}.
     *
     * @param key the key to read
     * @return the value with its CAS unique, or null on a miss or server trouble
     */
    public Item<V> gets(String key) {
        return attempt(() -> memcache.gets(key), null);
    }

    /**
     * As {@link Memcache#gat}.
     *
     * @param key the key to read
     * @param ttl the item's new TTL; zero for never expiring
     * @return the value after setting its TTL, or null on a miss or server trouble
     */
    public V gat(String key, Duration ttl) {
        return attempt(() -> memcache.gat(key, ttl), null);
    }

    /**
     * As {@link Memcache#gats}.
     *
     * @param key the key to read
     * @param ttl the item's new TTL; zero for never expiring
     * @return the item after setting its TTL, or null on a miss or server trouble
     */
    public Item<V> gats(String key, Duration ttl) {
        return attempt(() -> memcache.gats(key, ttl), null);
    }

    /**
     * {@link Memcache#getMulti}: when some servers are in trouble, the hits of the servers that answered are kept
     * (from {@link MultiRetrieveException#hits()}).
     *
     * @param keys the keys to read, each a valid key; not null; may be empty
     * @return the hits from the servers that answered (in the order of the keys given when every server answered);
     *     misses and keys of servers in trouble are absent
     */
    public Map<String, V> getMulti(Collection<String> keys) {
        return partial(() -> memcache.getMulti(keys));
    }

    /**
     * {@link Memcache#getsMulti}, keeping the hits of the servers that answered (see {@link #getMulti}).
     *
     * @param keys the keys to read, each a valid key; not null; may be empty
     * @return the hits with their CAS uniques from the servers that answered
     */
    public Map<String, Item<V>> getsMulti(Collection<String> keys) {
        return partial(() -> memcache.getsMulti(keys));
    }

    private <T> Map<String, T> partial(Supplier<Map<String, T>> multiGet) {
        try {
            Map<String, T> hits = multiGet.get();
            trouble.succeeded();
            return hits;
        } catch (MultiRetrieveException e) {
            trouble.failed(e);
            return e.hits();
        } catch (RuntimeException e) {
            if (!isTrouble(e)) {
                throw e;
            }
            trouble.failed(e);
            return Map.of();
        }
    }

    /**
     * As {@link Memcache#set(String, Object)}.
     *
     * @param key the key to store under
     * @param value the value; not null
     * @return true if stored, false on server trouble
     */
    public boolean set(String key, V value) {
        return attempt(() -> memcache.set(key, value));
    }

    /**
     * As {@link Memcache#set(String, Object, Store)}.
     *
     * @param key the key to store under
     * @param value the value; not null
     * @param options the TTL and flags; not null
     * @return true if stored, false on server trouble
     */
    public boolean set(String key, V value, Store options) {
        return attempt(() -> memcache.set(key, value, options));
    }

    /**
     * As {@link Memcache#add(String, Object)}.
     *
     * @param key the key to store under
     * @param value the value; not null
     * @return true if stored, false if the key exists or on server trouble
     */
    public boolean add(String key, V value) {
        return attempt(() -> memcache.add(key, value));
    }

    /**
     * As {@link Memcache#add(String, Object, Store)}.
     *
     * @param key the key to store under
     * @param value the value; not null
     * @param options the TTL and flags; not null
     * @return true if stored, false if the key exists or on server trouble
     */
    public boolean add(String key, V value, Store options) {
        return attempt(() -> memcache.add(key, value, options));
    }

    /**
     * As {@link Memcache#replace(String, Object)}.
     *
     * @param key the key to store under
     * @param value the value; not null
     * @return true if stored, false if absent or on server trouble
     */
    public boolean replace(String key, V value) {
        return attempt(() -> memcache.replace(key, value));
    }

    /**
     * As {@link Memcache#replace(String, Object, Store)}.
     *
     * @param key the key to store under
     * @param value the value; not null
     * @param options the TTL and flags; not null
     * @return true if stored, false if absent or on server trouble
     */
    public boolean replace(String key, V value, Store options) {
        return attempt(() -> memcache.replace(key, value, options));
    }

    /**
     * As {@link Memcache#append}.
     *
     * @param key the key of the existing value
     * @param value what to append, encoded by the transcoder; not null
     * @return true if appended, false if absent or on server trouble
     */
    public boolean append(String key, V value) {
        return attempt(() -> memcache.append(key, value));
    }

    /**
     * As {@link Memcache#prepend}.
     *
     * @param key the key of the existing value
     * @param value what to prepend, encoded by the transcoder; not null
     * @return true if prepended, false if absent or on server trouble
     */
    public boolean prepend(String key, V value) {
        return attempt(() -> memcache.prepend(key, value));
    }

    /**
     * As {@link Memcache#cas(String, Object, long)}.
     *
     * @param key the key to store under
     * @param value the value; not null
     * @param cas the CAS unique read with the item ({@link Item#cas()}); not 0
     * @return true if stored, false if the item changed, is gone, or on server trouble
     */
    public boolean cas(String key, V value, long cas) {
        return attempt(() -> memcache.cas(key, value, cas));
    }

    /**
     * As {@link Memcache#cas(String, Object, long, Store)}.
     *
     * @param key the key to store under
     * @param value the value; not null
     * @param cas the CAS unique read with the item ({@link Item#cas()}); not 0
     * @param options the TTL and flags; not null
     * @return true if stored, false if the item changed, is gone, or on server trouble
     */
    public boolean cas(String key, V value, long cas, Store options) {
        return attempt(() -> memcache.cas(key, value, cas, options));
    }

    /**
     * As {@link Memcache#delete(String)}.
     *
     * @param key the key to delete
     * @return true if deleted, false if absent or on server trouble
     */
    public boolean delete(String key) {
        return attempt(() -> memcache.delete(key), Boolean.FALSE);
    }

    /**
     * {@link Memcache#delete(String, long)}, which the text protocol cannot carry.
     *
     * @param key the key to delete
     * @param cas the CAS unique read with the item ({@link Item#cas()}); not 0
     * @return true if deleted, false if the item changed, is absent, or on server trouble
     * @throws IllegalArgumentException with the text protocol
     */
    public boolean delete(String key, long cas) {
        return attempt(() -> memcache.delete(key, cas), Boolean.FALSE);
    }

    /**
     * {@link Memcache#deleteAll}.
     *
     * @param key the key to delete from every server
     * @return true if any server held the key, false otherwise or on server trouble, even of only some servers
     */
    public boolean deleteAll(String key) {
        return attempt(() -> memcache.deleteAll(key), Boolean.FALSE);
    }

    /**
     * As {@link Memcache#invalidate}.
     *
     * @param key the key to invalidate
     * @return true if the key existed, false if absent or on server trouble
     */
    public boolean invalidate(String key) {
        return attempt(() -> memcache.invalidate(key), Boolean.FALSE);
    }

    /**
     * {@link Memcache#deleteMulti}, never throwing {@link MultiDeleteException}.
     *
     * @param keys the keys to delete, each a valid key; not null; a repeated key is deleted once
     * @return for each distinct key, true if it was deleted, false if absent or its server was in trouble (in the
     *     order given when every server answered)
     */
    public Map<String, Boolean> deleteMulti(Collection<String> keys) {
        try {
            Map<String, Boolean> results = memcache.deleteMulti(keys);
            trouble.succeeded();
            return results;
        } catch (MultiDeleteException partial) {
            trouble.failed(partial);
            Map<String, Boolean> results = new LinkedHashMap<>(partial.results());
            partial.failures().keySet().forEach(key -> results.put(key, Boolean.FALSE));
            return results;
        } catch (RuntimeException e) {
            if (!isTrouble(e)) {
                throw e;
            }
            trouble.failed(e);
            Map<String, Boolean> results = new LinkedHashMap<>();
            keys.forEach(key -> results.put(key, Boolean.FALSE));
            return results;
        }
    }

    /**
     * As {@link Memcache#touch}.
     *
     * @param key the key to touch
     * @param ttl the item's new TTL; zero for never expiring
     * @return true if the TTL was set, false if absent or on server trouble
     */
    public boolean touch(String key, Duration ttl) {
        return attempt(() -> memcache.touch(key, ttl));
    }

    /**
     * As {@link Memcache#incr(String, long)}.
     *
     * @param key the counter's key
     * @param delta how much to add; not negative
     * @return the new value, or null if absent or on server trouble
     * @throws NonNumeric if the value is not a decimal number
     */
    public Long incr(String key, long delta) {
        return attempt(() -> memcache.incr(key, delta), null);
    }

    /**
     * As {@link Memcache#incr(String, long, long, Duration)}.
     *
     * @param key the counter's key
     * @param delta how much to add to an existing counter; not negative
     * @param initial the value of a counter this call creates, read as unsigned 64-bit; the delta is not added to it
     * @param ttl the TTL of a counter this call creates (an existing counter keeps its own); zero for never expiring
     * @return the new value, or {@code initial} if this call created the counter; null on server trouble, or if the
     *     counter was deleted between the text protocol's steps
     * @throws NonNumeric if the value is not a decimal number
     */
    public Long incr(String key, long delta, long initial, Duration ttl) {
        return attempt(() -> memcache.incr(key, delta, initial, ttl), null);
    }

    /**
     * As {@link Memcache#decr(String, long)}.
     *
     * @param key the counter's key
     * @param delta how much to subtract; not negative
     * @return the new value (never below 0), or null if absent or on server trouble
     * @throws NonNumeric if the value is not a decimal number
     */
    public Long decr(String key, long delta) {
        return attempt(() -> memcache.decr(key, delta), null);
    }

    /**
     * As {@link Memcache#decr(String, long, long, Duration)}.
     *
     * @param key the counter's key
     * @param delta how much to subtract from an existing counter; not negative
     * @param initial the value of a counter this call creates, read as unsigned 64-bit; the delta is not subtracted
     * @param ttl the TTL of a counter this call creates (an existing counter keeps its own); zero for never expiring
     * @return the new value (never below 0), or {@code initial} if this call created the counter; null on server
     *     trouble, or if the counter was deleted between the text protocol's steps
     * @throws NonNumeric if the value is not a decimal number
     */
    public Long decr(String key, long delta, long initial, Duration ttl) {
        return attempt(() -> memcache.decr(key, delta, initial, ttl), null);
    }

    /**
     * {@link Memcache#setMulti(Map)}, never throwing {@link MultiStorageException}.
     *
     * @param values the values by key; not null, no null value; may be empty
     * @return each key's outcome, in the map's order; keys whose server was in trouble map to {@link StoreResult#FAILED}
     */
    public Map<String, StoreResult> setMulti(Map<String, V> values) {
        return setMulti(values, Store.DEFAULT);
    }

    /**
     * {@link Memcache#setMulti(Map, Store)}; see {@link #setMulti(Map)}.
     *
     * @param values the values by key; not null, no null value; may be empty
     * @param options the TTL and flags of every value; not null
     * @return each key's outcome, in the map's order; keys whose server was in trouble map to {@link StoreResult#FAILED}
     */
    public Map<String, StoreResult> setMulti(Map<String, V> values, Store options) {
        try {
            Map<String, StoreResult> results = memcache.setMulti(values, options);
            trouble.succeeded();
            return results;
        } catch (MultiStorageException partial) {
            trouble.failed(partial);
            return partial.results();
        }
    }

    /**
     * {@link Memcache#cache(String, Function)}: reads the key, and on a miss calls the loader and stores its result.
     * When the servers are in trouble the loader is called anyway and its value returned unstored; it is called at
     * most once per call.
     *
     * @param key the key to read and store under
     * @param loader computes the value of the key on a miss; not null, and must not return null
     * @return the cached or loaded value
     * @throws NullPointerException if the loader returns null (nothing is stored)
     */
    public V cache(String key, Function<String, V> loader) {
        return cache(key, loader, Store.DEFAULT);
    }

    /**
     * {@link #cache(String, Function)} storing with these options.
     *
     * @param key the key to read and store under
     * @param loader computes the value of the key on a miss; not null, and must not return null
     * @param options the TTL and flags of a loaded value, and its early refresh ({@link Store#refreshAhead}); not null
     * @return the cached or loaded value
     * @throws NullPointerException if the loader returns null (nothing is stored)
     */
    public V cache(String key, Function<String, V> loader, Store options) {
        Objects.requireNonNull(loader, "loader");
        LoadOnce<V> load = new LoadOnce<>(loader);
        V cached = attempt(() -> memcache.cache(key, load, options), null);
        return cached != null ? cached : load.apply(key);
    }

    /**
     * As {@link Memcache#flushAll()}.
     *
     * @return true if every server flushed, false on server trouble of any server
     */
    public boolean flushAll() {
        return attempt(memcache::flushAll);
    }

    /**
     * As {@link Memcache#flushAll(Duration)}.
     *
     * @param delay how long until the items are invalidated; zero for at once
     * @return true if every server accepted the flush, false on server trouble of any server
     */
    public boolean flushAll(Duration delay) {
        return attempt(() -> memcache.flushAll(delay));
    }

    /**
     * As {@link Memcache#stats()}.
     *
     * @return general statistics, one entry per server in configuration order, null for a server in trouble
     */
    public List<ServerStats> stats() {
        return stats(null);
    }

    /**
     * As {@link Memcache#stats(String)}.
     *
     * @param kind a stats sub-command of memcached 1.6, as listed for {@link Memcache#stats(String)}; null for the
     *     general statistics
     * @return the answers, one entry per server in configuration order, null for a server in trouble
     * @throws IllegalArgumentException naming the sub-command, for one memcached 1.6 does not have
     */
    public List<ServerStats> stats(String kind) {
        return perServer(() -> memcache.stats(kind), () -> {
            List<ServerStats> none = new ArrayList<>();
            memcache.servers().forEach(server -> none.add(null));
            return none;
        });
    }

    /**
     * As {@link Memcache#version()}.
     *
     * @return each server's version, null for a server in trouble
     */
    public Map<ServerAddress, String> version() {
        return perServer(memcache::version, () -> {
            Map<ServerAddress, String> none = new LinkedHashMap<>();
            memcache.servers().forEach(server -> none.put(server, null));
            return none;
        });
    }

    /** Runs a command answering per server; on trouble, the answer of no server, made only then. */
    private <T> T perServer(Supplier<T> command, Supplier<T> noServer) {
        T result = attempt(command, null);
        return result != null ? result : noServer.get();
    }

    /**
     * Calls a loader at most once, remembering its value or its failure, so that a load whose store then failed is
     * neither repeated nor mistaken for server trouble.
     *
     * @param <V> the value type
     */
    private static final class LoadOnce<V> implements Function<String, V> {
        private final Function<String, V> loader;
        private volatile V loaded;
        private volatile RuntimeException failure;

        LoadOnce(Function<String, V> loader) {
            this.loader = loader;
        }

        @Override
        public V apply(String key) {
            if (failure != null) {
                throw failure;
            }
            if (loaded == null) {
                try {
                    loaded = Objects.requireNonNull(loader.apply(key), "loader returned null for the key");
                } catch (RuntimeException e) {
                    failure = e;
                    throw e;
                }
            }
            return loaded;
        }
    }

    @Override
    public String toString() {
        return "ExceptionsAreMissesMemcache[" + memcache + "]";
    }
}
