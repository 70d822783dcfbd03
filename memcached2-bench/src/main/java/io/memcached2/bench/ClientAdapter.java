package io.memcached2.bench;

import io.memcached2.ServerAddress;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One memcached client, seen through the few operations the workloads need. Every adapter stores and reads raw
 * {@code byte[]} values with flags 0 and no compression, so no client pays a serialization cost the others skip,
 * and values written by one client read back unchanged through any other.
 *
 * <p>Lifecycle: create, {@link #connect}, use from any number of threads, {@link #close}. An adapter is connected
 * at most once.
 */
public interface ClientAdapter extends AutoCloseable {

    /** @return the client's short name as shown in reports, such as {@code spymemcached} */
    String name();

    /**
     * Connects to the servers and returns once the client can serve requests (or fails).
     *
     * @param servers the servers, in the order the client should see them
     * @throws Exception when the client cannot connect within its own connect timeout
     */
    void connect(List<ServerAddress> servers) throws Exception;

    /**
     * Reads one value, blocking the calling thread.
     *
     * @param key the key
     * @return the value, or null on a miss
     * @throws Exception whatever the client throws on failure
     */
    byte[] get(String key) throws Exception;

    /**
     * Reads one value without blocking the calling thread.
     *
     * @param key the key
     * @return a future completed with the value, with null on a miss, or exceptionally on failure
     */
    CompletableFuture<byte[]> getAsync(String key);

    /**
     * Reads many values in one multi-key request, blocking the calling thread.
     *
     * @param keys the keys
     * @return the hits; missing keys are absent
     * @throws Exception whatever the client throws on failure
     */
    Map<String, byte[]> getMulti(Collection<String> keys) throws Exception;

    /**
     * Stores a value with no expiry, blocking until the server has answered.
     *
     * @param key the key
     * @param value the value, stored as is
     * @throws Exception whatever the client throws on failure, including when the server did not store it
     */
    void set(String key, byte[] value) throws Exception;

    /**
     * Tells whether {@link #getAsync} is the client's own non-blocking API rather than an emulation over its
     * blocking one, so the report can say which numbers are not comparable.
     *
     * @return true when the client has a native asynchronous get
     */
    default boolean nativeAsync() {
        return true;
    }

    /** Disconnects and releases the client's threads. */
    @Override
    void close();
}
