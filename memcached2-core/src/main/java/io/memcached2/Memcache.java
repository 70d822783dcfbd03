package io.memcached2;

import io.memcached2.transcode.Transcoder;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The blocking client, with the seed's "errors exposed" contract: a miss throws the preallocated {@link NoValue},
 * and every refusal throws the seed's exception for it. Thread-safe; share one instance. Every method is a thin
 * layer over the same pipelined engine as {@link #async()}.
 *
 * <pre>{@code
 * try (Memcache<String> mc = Memcache.connect("memcached://127.0.0.1:11211/")) {
 *     mc.set("k", "v", Store.ttl(Duration.ofMinutes(5)));
 *     String v = mc.get("k");
 * }
 * }</pre>
 *
 * <p>Keys are 1 to 250 bytes of UTF-8 without spaces or control characters (in meta mode such keys travel
 * base64-encoded, up to 186 bytes); a bad key, null included, throws {@link IllegalArgumentException} before anything
 * is sent. Server trouble throws {@link ServerDisconnect} or a subclass ({@link OperationTimeout}), {@link Overloaded},
 * {@link ProtocolError}, {@link ServerError} (the server answered an error) or {@link NoAvailableServers}. A blocking
 * call made on one of the client's I/O threads is refused.
 *
 * <p>A TTL or delay is a {@link Duration}: zero means never expiring (for a delay, at once), a fraction of a second
 * counts as a whole second, and one over 30 days is sent as an absolute time, which must fall before 2038
 * (memcached's 32-bit clock). The other arguments are checked before anything is sent too: a null, negative or too
 * long TTL or delay, a negative delta, a CAS unique of 0 and a value whose encoding is over the maximum item size
 * ({@link MemcacheBuilder#maxItemSize}) throw {@link IllegalArgumentException}; a null value, {@link Store}, loader,
 * collection of keys or map of values throws {@link NullPointerException}.
 *
 * <p>When a connection is lost, a request already written to it fails with the cause and is never resent, since
 * the server may have carried it out (a store, an incr); a request not yet written goes out on the connection that
 * replaces it, within its own timeout: a request may wait for a connection being made up to the connect timeout,
 * then for its reply up to the operation timeout.
 *
 * <p>The calls that send several requests ({@link #setMulti}, {@link #deleteMulti}, {@link #deleteAll},
 * {@link #flushAll}, {@link #stats}, {@link #version}) end within that bound (connect timeout plus operation
 * timeout) plus 250 ms of being made, counted on the calling thread, whatever the connection's timer or the
 * callback executor do; a request not answered by then counts as timed out ({@link OperationTimeout}).
 * {@link #incr(String, long, long, Duration)} and {@link #decr(String, long, long, Duration)} over the text protocol
 * take up to three round trips, each with that bound.
 *
 * @param <V> the value type
 */
public interface Memcache<V> extends AutoCloseable {
    /**
     * @param servers server URIs ({@code memcached://host[:port]/}, see {@link ServerAddress})
     * @return a client of UTF-8 strings with default options
     */
    static Memcache<String> connect(String... servers) {
        return builder().servers(servers).build();
    }

    /** @return a builder for a client of UTF-8 strings */
    static MemcacheBuilder<String> builder() {
        return new MemcacheBuilder<>(Transcoders.strings());
    }

    /**
     * @param transcoder how values become bytes and flags
     * @param <V> the value type
     * @return a builder
     */
    static <V> MemcacheBuilder<V> builder(Transcoder<V> transcoder) {
        return new MemcacheBuilder<>(transcoder);
    }

    /**
     * @param key the key to read
     * @return the value
     * @throws NoValue on a miss
     */
    V get(String key);

    /**
     * @param key the key to read
     * @return the value with its key, flags and CAS unique
     * @throws NoValue on a miss
     */
    Item<V> gets(String key);

    /**
     * Gets and touches.
     *
     * @param key the key to read
     * @param ttl the item's new TTL; zero for never expiring
     * @return the value after setting its TTL
     * @throws NoValue on a miss
     */
    V gat(String key, Duration ttl);

    /**
     * Gets and touches.
     *
     * @param key the key to read
     * @param ttl the item's new TTL; zero for never expiring
     * @return the item with its CAS unique after setting its TTL
     * @throws NoValue on a miss
     */
    Item<V> gats(String key, Duration ttl);

    /**
     * Reads many keys: one pipelined request per server, sent in parallel.
     *
     * @param keys the keys to read, each a valid key; not null; may be empty
     * @return the hits, in the order of the keys given; misses are absent
     * @throws MultiRetrieveException if some servers failed: it keeps the other servers' hits and names each failed
     *     key (when every server failed, their first failure is thrown instead)
     */
    Map<String, V> getMulti(Collection<String> keys);

    /**
     * {@link #getMulti} with CAS uniques.
     *
     * @param keys the keys to read, each a valid key; not null; may be empty
     * @return the hits with their CAS uniques, in the order of the keys given; misses are absent
     * @throws MultiRetrieveException if some servers failed, as for {@link #getMulti}
     */
    Map<String, Item<V>> getsMulti(Collection<String> keys);

    /**
     * Stores unconditionally, never expiring, with the transcoder's flags.
     *
     * @param key the key to store under
     * @param value the value; not null
     */
    default void set(String key, V value) {
        set(key, value, Store.DEFAULT);
    }

    /**
     * Stores unconditionally with a TTL and optional flags.
     *
     * @param key the key to store under
     * @param value the value; not null
     * @param options the TTL and flags; not null ({@link Store#DEFAULT} for neither)
     */
    void set(String key, V value, Store options);

    /**
     * Stores only if the key is absent, never expiring, with the transcoder's flags.
     *
     * @param key the key to store under
     * @param value the value; not null
     * @throws NotStored if the key exists
     */
    default void add(String key, V value) {
        add(key, value, Store.DEFAULT);
    }

    /**
     * Stores only if the key is absent.
     *
     * @param key the key to store under
     * @param value the value; not null
     * @param options the TTL and flags; not null
     * @throws NotStored if the key exists
     */
    void add(String key, V value, Store options);

    /**
     * Stores only if the key is present, never expiring, with the transcoder's flags.
     *
     * @param key the key to store under
     * @param value the value; not null
     * @throws NotStored if the key is absent
     */
    default void replace(String key, V value) {
        replace(key, value, Store.DEFAULT);
    }

    /**
     * Stores only if the key is present.
     *
     * @param key the key to store under
     * @param value the value; not null
     * @param options the TTL and flags; not null
     * @throws NotStored if the key is absent
     */
    void replace(String key, V value, Store options);

    /**
     * Appends the encoded bytes to an existing value. Flags are unchanged.
     *
     * @param key the key of the existing value
     * @param value what to append, encoded by the transcoder; not null
     * @throws NotStored if the key is absent
     */
    void append(String key, V value);

    /**
     * Prepends the encoded bytes to an existing value. Flags are unchanged.
     *
     * @param key the key of the existing value
     * @param value what to prepend, encoded by the transcoder; not null
     * @throws NotStored if the key is absent
     */
    void prepend(String key, V value);

    /**
     * Stores only if the item still has the CAS unique read by {@link #gets}, never expiring, with the transcoder's
     * flags.
     *
     * @param key the key to store under
     * @param value the value; not null
     * @param cas the CAS unique read with the item ({@link Item#cas()}); not 0
     * @throws CASFailure if the item changed since
     * @throws NotFound if the item is gone
     */
    default void cas(String key, V value, long cas) {
        cas(key, value, cas, Store.DEFAULT);
    }

    /**
     * Compare-and-swap with a TTL and optional flags; see {@link #cas(String, Object, long)}.
     *
     * @param key the key to store under
     * @param value the value; not null
     * @param cas the CAS unique read with the item ({@link Item#cas()}); not 0
     * @param options the TTL and flags; not null
     * @throws CASFailure if the item changed since
     * @throws NotFound if the item is gone
     */
    void cas(String key, V value, long cas, Store options);

    /**
     * @param key the key to delete
     * @return true if the key was deleted, false if there was no such key
     */
    boolean delete(String key);

    /**
     * Deletes only if the item still has this CAS unique. The text protocol cannot carry it: there it fails with
     * {@link IllegalArgumentException} and nothing is deleted.
     *
     * @param key the key to delete
     * @param cas the CAS unique read with the item ({@link Item#cas()}); not 0
     * @return true if deleted, false if there was no such key
     * @throws CASFailure if the item changed since the CAS unique was read
     */
    boolean delete(String key, long cas);

    /**
     * Deletes the key from every server, not only the one it maps to: useful after the server list changed.
     *
     * @param key the key to delete
     * @return true if any server held the key
     * @throws MultiServerException if some servers failed: it keeps each other server's answer and names each failed
     *     server (when every server failed, their first failure is thrown instead)
     */
    boolean deleteAll(String key);

    /**
     * Marks the item stale instead of deleting it (meta protocol): the next {@link #cache} reader recomputes it while
     * the others keep reading the stale value for up to 30 s. With the text or binary protocol this is a delete.
     *
     * @param key the key to invalidate
     * @return true if the key existed, false if there was no such key
     */
    boolean invalidate(String key);

    /**
     * Deletes many keys, pipelined per server.
     *
     * @param keys the keys to delete, each a valid key; not null; a repeated key is deleted once
     * @return for each distinct key, in the order given, true if it was deleted and false if absent
     * @throws MultiDeleteException if some keys failed: it keeps the other keys' answers and names each failed key
     *     (when every key failed, their first failure is thrown instead)
     */
    Map<String, Boolean> deleteMulti(Collection<String> keys);

    /**
     * Sets a new TTL.
     *
     * @param key the key to touch
     * @param ttl the item's new TTL; zero for never expiring
     * @throws NotFound if the key is absent
     */
    void touch(String key, Duration ttl);

    /**
     * Adds to a decimal counter; 64-bit unsigned, wrapping at 2^64.
     *
     * @param key the counter's key
     * @param delta how much to add; not negative
     * @return the new value, an unsigned 64-bit number held in a long
     * @throws NotFound if absent
     * @throws NonNumeric if the value is not a decimal number
     * @throws IllegalArgumentException if the delta is negative (memcached's delta is unsigned)
     */
    long incr(String key, long delta);

    /**
     * Adds to a counter, creating it at {@code initial} with this TTL when absent: one command in the meta and binary
     * protocols, or with the text protocol incr, then on a miss an add of {@code initial}, then if another client
     * added first a second incr (each round trip within the operation timeout plus 250 ms).
     *
     * @param key the counter's key
     * @param delta how much to add to an existing counter; not negative
     * @param initial the value of a counter this call creates, read as unsigned 64-bit; the delta is not added to it
     * @param ttl the TTL of a counter this call creates (an existing counter keeps its own); zero for never expiring
     * @return the new value, or {@code initial} if this call created the counter
     * @throws NonNumeric if the value is not a decimal number
     * @throws IllegalArgumentException if the delta is negative
     */
    long incr(String key, long delta, long initial, Duration ttl);

    /**
     * Subtracts from a counter, stopping at 0; see {@link #incr(String, long)}.
     *
     * @param key the counter's key
     * @param delta how much to subtract; not negative
     * @return the new value, never below 0
     * @throws NotFound if absent
     * @throws NonNumeric if the value is not a decimal number
     * @throws IllegalArgumentException if the delta is negative
     */
    long decr(String key, long delta);

    /**
     * Subtracts from a counter, stopping at 0, creating it at {@code initial} when absent; see
     * {@link #incr(String, long, long, Duration)}.
     *
     * @param key the counter's key
     * @param delta how much to subtract from an existing counter; not negative
     * @param initial the value of a counter this call creates, read as unsigned 64-bit; the delta is not subtracted
     * @param ttl the TTL of a counter this call creates (an existing counter keeps its own); zero for never expiring
     * @return the new value, or {@code initial} if this call created the counter
     * @throws NonNumeric if the value is not a decimal number
     * @throws IllegalArgumentException if the delta is negative
     */
    long decr(String key, long delta, long initial, Duration ttl);

    /**
     * Stores many values, pipelined per server, never expiring, with the transcoder's flags.
     *
     * @param values the values by key; not null, no null value; may be empty
     * @return each key's outcome, in the map's order
     * @throws MultiStorageException if a server failed part-way; it carries every key's outcome
     */
    default Map<String, StoreResult> setMulti(Map<String, V> values) {
        return setMulti(values, Store.DEFAULT);
    }

    /**
     * Stores many values with options; see {@link #setMulti(Map)}.
     *
     * @param values the values by key; not null, no null value; may be empty
     * @param options the TTL and flags of every value; not null
     * @return each key's outcome, in the map's order
     * @throws MultiStorageException if a server failed part-way; it carries every key's outcome
     */
    Map<String, StoreResult> setMulti(Map<String, V> values, Store options);

    /**
     * Reads the key; on a miss, calls the loader on this thread, stores its result, and returns it. Concurrent callers
     * in this process share one loader call; with the meta protocol, callers in other processes do too (a lease:
     * one caller computes, the others wait briefly and re-read, or read the stale value). A loader exception reaches
     * every waiting caller and nothing is cached.
     *
     * <p>Any stored value is a hit, an empty one too, and is returned without waiting. The lease's placeholder is an
     * empty item with client flags 0 that only the server's lease flags set apart: it is never returned as a value.
     * If the caller loading it dies, the others wait until its lease ends (30 s), and one of them loads. An empty
     * value with client flags 0 looks like a placeholder whenever a reader holds its lease, so it is not refreshed
     * early ({@link Store#refreshAhead}; it expires and loads again as usual), and once {@link #invalidate}d it is
     * loaded again rather than served stale. Background refreshes run on the client's loader executor, never on
     * this thread or the callback executor.
     *
     * @param key the key to read and store under
     * @param loader computes the value of the key on a miss; not null, and must not return null
     * @return the cached or loaded value
     * @throws NullPointerException if the loader returns null (nothing is stored)
     */
    default V cache(String key, Function<String, V> loader) {
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
    V cache(String key, Function<String, V> loader, Store options);

    /**
     * Invalidates every item on every server.
     *
     * @throws MultiServerException if some servers failed: it names them and the servers that flushed (when every
     *     server failed, their first failure is thrown instead)
     */
    default void flushAll() {
        flushAll(Duration.ZERO);
    }

    /**
     * Invalidates every item on every server once the delay has passed.
     *
     * @param delay how long until the items are invalidated; zero for at once
     * @throws MultiServerException if some servers failed, as for {@link #flushAll()}
     */
    void flushAll(Duration delay);

    /**
     * @return general statistics, one entry per server in configuration order, null for a server that failed to
     *     answer (down, timed out, or answering an error)
     */
    default List<ServerStats> stats() {
        return stats(null);
    }

    /**
     * Runs a stats sub-command of memcached 1.6 on every server.
     *
     * @param kind {@code items}, {@code slabs}, {@code sizes}, {@code settings}, {@code conns}, {@code extstore},
     *     {@code sizes_enable}, {@code sizes_disable}, {@code reset}, {@code detail on}, {@code detail off},
     *     {@code detail dump}, or {@code cachedump <slab class> <limit>}; null for the general statistics
     * @return the answers, one entry per server in configuration order, null for a server that failed to answer
     *     (down, timed out, or answering an error); see {@link ServerStats} for what each kind holds
     * @throws IllegalArgumentException naming the sub-command, before anything is sent, for any other kind or
     *     arguments
     */
    List<ServerStats> stats(String kind);

    /**
     * @return each server's version, in configuration order, null for a server that failed to answer (down, timed
     *     out, or answering an error)
     */
    Map<ServerAddress, String> version();

    /**
     * Replaces the server list at run time. Unchanged servers keep their connections. A removed server's requests
     * already written finish there (until the close timeout); single-key requests not yet written go where the new
     * list places them. With a consistent selector such as ketama, only the keys whose owner changed move.
     *
     * @param uris the new list, as for the builder
     * @throws InvalidURI naming a bad URI (the list is then unchanged)
     * @throws IllegalStateException once the client is closed
     */
    void updateServers(String... uris);

    /** @return the configured servers, in order */
    List<ServerAddress> servers();

    /** @return the asynchronous view of this client (same connections) */
    AsyncMemcache<V> async();

    /**
     * Stops taking requests, lets those already accepted finish until the close timeout
     * ({@link MemcacheBuilder#closeTimeout}), fails the rest with {@link ServerDisconnect}, then releases every
     * thread, buffer and socket. Later calls fail with {@link ServerDisconnect} ("client is closed").
     */
    @Override
    void close();

    /**
     * @return the seed's "exceptions are misses" view of this client (same connections): misses and server trouble
     *     read as null or false, programming errors still throw
     */
    ExceptionsAreMissesMemcache<V> exceptionsAreMisses();

    /**
     * @return a {@link java.util.concurrent.ConcurrentMap} view of the servers (same connections): {@code putIfAbsent}
     *     is {@code add}, {@code replace(k, old, new)} is {@code gets} + {@code cas}, {@code size} the sum of
     *     {@code curr_items}; iteration and the key, value and entry views are not supported
     */
    java.util.concurrent.ConcurrentMap<String, V> asMap();

    /**
     * Reads the key with {@code gets} into a value wrapper that acts on its own key.
     *
     * @param key the key to read
     * @return the value with its key, flags and CAS unique
     * @throws NoValue on a miss
     */
    Value<V> value(String key);
}
