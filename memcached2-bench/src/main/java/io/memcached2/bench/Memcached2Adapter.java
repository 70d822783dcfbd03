package io.memcached2.bench;

import io.memcached2.AsyncMemcache;
import io.memcached2.Memcache;
import io.memcached2.MemcacheBuilder;
import io.memcached2.NoValue;
import io.memcached2.Protocol;
import io.memcached2.ServerAddress;
import io.memcached2.Transcoders;
import io.memcached2.event.MemcacheListener;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * memcached2 itself, built the way its docs show: {@code Memcache.builder(Transcoders.bytes())} with default
 * options, one {@code memcached://host:port/} URI per server, and a chosen protocol (by default the client's own
 * default, which picks meta on memcached 1.6 and later). Async gets go through {@link Memcache#async()}.
 */
public final class Memcached2Adapter implements ClientAdapter {
    private final String name;
    private final Protocol protocol;
    private final MemcacheListener listener;
    private Memcache<byte[]> client;
    private AsyncMemcache<byte[]> async;

    /**
     * @param name the name shown in reports
     * @param protocol the protocol to speak
     */
    public Memcached2Adapter(String name, Protocol protocol) {
        this(name, protocol, null);
    }

    /**
     * @param name the name shown in reports
     * @param protocol the protocol to speak
     * @param listener registered on the client, or null for none
     */
    public Memcached2Adapter(String name, Protocol protocol, MemcacheListener listener) {
        this.name = name;
        this.protocol = protocol;
        this.listener = listener;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void connect(List<ServerAddress> servers) {
        MemcacheBuilder<byte[]> builder = Memcache.builder(Transcoders.bytes())
                .servers(servers.stream()
                        .map(s -> "memcached://" + s.hostAndPort() + "/")
                        .toList())
                .protocol(protocol);
        if (listener != null) {
            builder.listener(listener);
        }
        client = builder.build();
        async = client.async();
    }

    @Override
    public byte[] get(String key) {
        try {
            return client.get(key);
        } catch (NoValue miss) {
            // A miss is a preallocated, stackless exception in memcached2; the harness counts it as a miss.
            return null;
        }
    }

    @Override
    public CompletableFuture<byte[]> getAsync(String key) {
        return async.get(key);
    }

    @Override
    public Map<String, byte[]> getMulti(Collection<String> keys) {
        return client.getMulti(keys);
    }

    @Override
    public void set(String key, byte[] value) {
        client.set(key, value);
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
    }
}
