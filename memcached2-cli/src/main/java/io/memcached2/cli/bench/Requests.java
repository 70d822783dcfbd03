package io.memcached2.cli.bench;

import io.memcached2.AsyncMemcache;
import io.memcached2.Memcache;
import io.memcached2.NoValue;
import io.memcached2.load.LoadRecorder;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Makes the workload's requests, blocking or asynchronous, as tasks of the shared load generator, which times and
 * records them; misses go to the recorder from here.
 */
final class Requests {
    private final BenchSpec spec;
    private final Memcache<byte[]> client;
    private final AsyncMemcache<byte[]> async;
    private final String[] keys;
    private final byte[] value;
    private final int batchKeys;

    Requests(BenchSpec spec, Memcache<byte[]> client) {
        this.spec = spec;
        this.client = client;
        this.async = client.async();
        this.keys = new String[spec.keys()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = "mc-bench:" + i;
        }
        this.value = new byte[spec.valueSize()];
        ThreadLocalRandom.current().nextBytes(value);
        this.batchKeys = Math.min(spec.batch(), keys.length);
    }

    /** @return every key of the run, for preparing the server */
    String[] keys() {
        return keys.clone();
    }

    /** @return the value every set stores */
    byte[] value() {
        return value;
    }

    /**
     * Makes one request on this thread, waiting for its reply.
     *
     * @param random the worker's random source
     * @param recorder where a miss is counted
     * @return the keys read or written
     */
    int blocking(SplittableRandom random, LoadRecorder recorder) {
        Workload.Op op = spec.workload().next(random, spec.getPercent());
        switch (op) {
            case GET -> {
                try {
                    client.get(randomKey(random));
                } catch (NoValue miss) {
                    recorder.miss(1);
                }
                return 1;
            }
            case SET -> {
                client.set(randomKey(random), value);
                return 1;
            }
            default -> {
                List<String> batch = batch(random);
                if (client.getMulti(batch).size() < batch.size()) {
                    recorder.miss(1);
                }
                return batchKeys;
            }
        }
    }

    /**
     * Starts one request without waiting.
     *
     * @param random the driver's random source
     * @param recorder where a miss is counted
     * @return completed with the keys read or written once the reply came, or exceptionally
     */
    CompletableFuture<Integer> async(SplittableRandom random, LoadRecorder recorder) {
        Workload.Op op = spec.workload().next(random, spec.getPercent());
        return switch (op) {
            case GET ->
                async.get(randomKey(random)).thenApply(v -> {
                    if (v == null) {
                        recorder.miss(1);
                    }
                    return 1;
                });
            case SET -> async.set(randomKey(random), value).thenApply(ignored -> 1);
            case MULTIGET -> {
                List<String> batch = batch(random);
                yield async.getMulti(batch).thenApply(hits -> {
                    if (hits.size() < batch.size()) {
                        recorder.miss(1);
                    }
                    return batchKeys;
                });
            }
        };
    }

    private String randomKey(SplittableRandom random) {
        return keys[random.nextInt(keys.length)];
    }

    /** @return distinct keys (a repeated key would come back once and look like a miss) */
    private List<String> batch(SplittableRandom random) {
        Set<String> batch = new LinkedHashSet<>(batchKeys * 2);
        while (batch.size() < batchKeys) {
            batch.add(randomKey(random));
        }
        return new ArrayList<>(batch);
    }
}
