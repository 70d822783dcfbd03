package io.memcached2.bench;

import com.spotify.folsom.AsciiMemcacheClient;
import com.spotify.folsom.MemcacheClientBuilder;
import com.spotify.folsom.MemcacheStatus;
import io.memcached2.ServerAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Folsom 1.21: a byte-array client from {@link MemcacheClientBuilder#newByteArrayClient()} speaking ASCII, with
 * the library's defaults (one connection per server, replies completed on its default reply executor). Folsom is
 * asynchronous only; the blocking operations wait on its futures, as its docs show.
 */
public final class FolsomAdapter implements ClientAdapter {
    private static final long CONNECT_TIMEOUT_SECONDS = 10;

    private AsciiMemcacheClient<byte[]> client;

    /** Creates an unconnected adapter. */
    public FolsomAdapter() {}

    @Override
    public String name() {
        return "folsom";
    }

    @Override
    public void connect(List<ServerAddress> servers) throws Exception {
        MemcacheClientBuilder<byte[]> builder = MemcacheClientBuilder.newByteArrayClient();
        for (ServerAddress server : servers) {
            builder.withAddress(server.host(), server.port());
        }
        client = builder.connectAscii();
        client.awaitConnected(CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public byte[] get(String key) throws Exception {
        return await(getAsync(key));
    }

    @Override
    public CompletableFuture<byte[]> getAsync(String key) {
        return client.get(key).toCompletableFuture();
    }

    @Override
    public Map<String, byte[]> getMulti(Collection<String> keys) throws Exception {
        List<String> ordered = new ArrayList<>(keys);
        List<byte[]> values = await(client.get(ordered).toCompletableFuture());
        Map<String, byte[]> hits = new HashMap<>(ordered.size() * 2);
        for (int i = 0; i < ordered.size(); i++) {
            if (values.get(i) != null) {
                hits.put(ordered.get(i), values.get(i));
            }
        }
        return hits;
    }

    @Override
    public void set(String key, byte[] value) throws Exception {
        MemcacheStatus status = await(client.set(key, value, 0).toCompletableFuture());
        if (status != MemcacheStatus.OK) {
            throw new NotStoredException(key, status.name());
        }
    }

    @Override
    public void close() {
        if (client != null) {
            client.shutdown();
        }
    }

    /** Waits for a Folsom future and throws what failed it, not the future's wrapper. */
    private static <T> T await(CompletableFuture<T> future) throws Exception {
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            throw e;
        }
    }
}
