package io.memcached2.bench;

import io.memcached2.ServerAddress;
import io.memcached2.load.Failures;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.spy.memcached.ConnectionFactoryBuilder;
import net.spy.memcached.ConnectionObserver;
import net.spy.memcached.MemcachedClient;
import net.spy.memcached.internal.OperationFuture;

/**
 * spymemcached 2.12: one {@link MemcachedClient} (one connection per server, one I/O thread) built with the ASCII
 * text protocol, or the binary one, and otherwise the library's defaults. Async gets use spymemcached's completion listeners, which
 * run on its listener executor.
 */
public final class SpymemcachedAdapter implements ClientAdapter {
    static {
        // spymemcached logs through its own logger to stderr at INFO unless told to use SLF4J, whose simple
        // binding this module configures to print warnings only. Must be set before spymemcached's first log call.
        System.getProperties().putIfAbsent("net.spy.log.LoggerImpl", "net.spy.memcached.compat.log.SLF4JLogger");
    }

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final boolean binary;
    private MemcachedClient client;

    /** @param binary whether to speak the binary protocol instead of the text one */
    public SpymemcachedAdapter(boolean binary) {
        this.binary = binary;
    }

    @Override
    public String name() {
        return binary ? "spymemcached-binary" : "spymemcached";
    }

    @Override
    public void connect(List<ServerAddress> servers) throws Exception {
        List<InetSocketAddress> addresses = servers.stream()
                .map(s -> new InetSocketAddress(s.host(), s.port()))
                .toList();
        client = new MemcachedClient(
                new ConnectionFactoryBuilder()
                        .setProtocol(
                                binary
                                        ? ConnectionFactoryBuilder.Protocol.BINARY
                                        : ConnectionFactoryBuilder.Protocol.TEXT)
                        .setDaemon(true)
                        .build(),
                addresses);
        awaitConnected(addresses.size());
    }

    /**
     * spymemcached connects in the background and its constructor returns at once; requests issued before then
     * are queued or redistributed with a warning, which would put connection setup into the first measurements.
     */
    private void awaitConnected(int servers) throws InterruptedException, TimeoutException {
        Semaphore events = new Semaphore(0);
        client.addObserver(new ConnectionObserver() {
            @Override
            public void connectionEstablished(SocketAddress address, int reconnectCount) {
                events.release();
            }

            @Override
            public void connectionLost(SocketAddress address) {
                events.release();
            }
        });
        long deadline = System.nanoTime() + CONNECT_TIMEOUT.toNanos();
        while (client.getAvailableServers().size() < servers) {
            if (!events.tryAcquire(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                throw new TimeoutException("spymemcached did not connect within " + CONNECT_TIMEOUT);
            }
        }
    }

    @Override
    public byte[] get(String key) {
        return client.get(key, SpyBytesTranscoder.INSTANCE);
    }

    @Override
    public CompletableFuture<byte[]> getAsync(String key) {
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        try {
            client.asyncGet(key, SpyBytesTranscoder.INSTANCE).addListener(done -> {
                try {
                    result.complete((byte[]) done.get());
                } catch (Exception e) {
                    result.completeExceptionally(Failures.rootCause(e));
                }
            });
        } catch (RuntimeException e) {
            // spymemcached refuses synchronously when its input queue is full or it is shutting down.
            result.completeExceptionally(e);
        }
        return result;
    }

    @Override
    public Map<String, byte[]> getMulti(Collection<String> keys) {
        return client.getBulk(keys, SpyBytesTranscoder.INSTANCE);
    }

    @Override
    public void set(String key, byte[] value) throws Exception {
        OperationFuture<Boolean> stored = client.set(key, 0, value, SpyBytesTranscoder.INSTANCE);
        if (!stored.get()) {
            throw new NotStoredException(key, stored.getStatus().getMessage());
        }
    }

    @Override
    public void close() {
        if (client != null) {
            client.shutdown();
        }
    }
}
