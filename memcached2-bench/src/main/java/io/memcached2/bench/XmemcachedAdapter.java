package io.memcached2.bench;

import com.google.code.yanf4j.core.impl.StandardSocketOption;
import io.memcached2.ServerAddress;
import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import net.rubyeye.xmemcached.MemcachedClient;
import net.rubyeye.xmemcached.XMemcachedClientBuilder;
import net.rubyeye.xmemcached.command.BinaryCommandFactory;
import net.rubyeye.xmemcached.command.TextCommandFactory;

/**
 * xmemcached 2.4: a client from {@link XMemcachedClientBuilder} with the text protocol (or the binary one) and one
 * connection per server (its default; its docs suggest a larger pool only for very high concurrency, which this benchmark
 * compares at the library defaults instead), and socket buffers left to the kernel (see {@link #connect}).
 *
 * <p>xmemcached has no asynchronous get, so {@link #getAsync} runs the blocking get on a cached thread pool, the
 * way an application would have to; the report marks that result as emulated.
 */
public final class XmemcachedAdapter implements ClientAdapter {
    private final boolean binary;
    private MemcachedClient client;
    private final ExecutorService asyncEmulation = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "xmemcached-async-emulation");
        t.setDaemon(true);
        return t;
    });

    /** @param binary whether to speak the binary protocol instead of the text one */
    public XmemcachedAdapter(boolean binary) {
        this.binary = binary;
    }

    @Override
    public String name() {
        return binary ? "xmemcached-binary" : "xmemcached";
    }

    @Override
    public void connect(List<ServerAddress> servers) throws Exception {
        XMemcachedClientBuilder builder = new XMemcachedClientBuilder(servers.stream()
                .map(s -> new InetSocketAddress(s.host(), s.port()))
                .toList());
        builder.setCommandFactory(binary ? new BinaryCommandFactory() : new TextCommandFactory());
        builder.setConnectionPoolSize(1);
        builder.setTranscoder(XmemcachedBytesTranscoder.INSTANCE);
        // xmemcached fixes SO_SNDBUF at 32 KiB and SO_RCVBUF at 64 KiB, which turns off the kernel's buffer
        // autotuning: a 100 KB set then stalls about 40 ms on loopback (tens of sets per second). The other
        // clients leave the buffers to the kernel; so does this one.
        builder.getSocketOptions().remove(StandardSocketOption.SO_SNDBUF);
        builder.getSocketOptions().remove(StandardSocketOption.SO_RCVBUF);
        client = builder.build();
    }

    @Override
    public byte[] get(String key) throws Exception {
        return client.get(key, XmemcachedBytesTranscoder.INSTANCE);
    }

    @Override
    public CompletableFuture<byte[]> getAsync(String key) {
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        asyncEmulation.execute(() -> {
            try {
                result.complete(get(key));
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    @Override
    public boolean nativeAsync() {
        return false;
    }

    @Override
    public Map<String, byte[]> getMulti(Collection<String> keys) throws Exception {
        return client.get(keys, XmemcachedBytesTranscoder.INSTANCE);
    }

    @Override
    public void set(String key, byte[] value) throws Exception {
        if (!client.set(key, 0, value, XmemcachedBytesTranscoder.INSTANCE)) {
            throw new NotStoredException(key, "set returned false");
        }
    }

    @Override
    public void close() {
        asyncEmulation.shutdownNow();
        if (client != null) {
            try {
                client.shutdown();
            } catch (java.io.IOException e) {
                // Nothing to recover at close: the benchmark is done with this client either way.
                System.err.println("xmemcached shutdown: " + e);
            }
        }
    }
}
