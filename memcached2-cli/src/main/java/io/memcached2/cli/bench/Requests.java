package io.memcached2.cli.bench;

import io.memcached2.AsyncMemcache;
import io.memcached2.Memcache;
import io.memcached2.NoValue;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/** Makes the workload's requests, blocking or asynchronous, and records each into a {@link Measurements}. */
final class Requests {
    private final BenchSpec spec;
    private final Memcache<byte[]> client;
    private final AsyncMemcache<byte[]> async;
    private final String[] keys;
    private final byte[] value;

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
    }

    /** @return every key of the run, for preparing the server */
    String[] keys() {
        return keys.clone();
    }

    /** @return the value every set stores */
    byte[] value() {
        return value;
    }

    /** Makes one request on this thread, waiting for its reply, and records it. */
    void blocking(Measurements m) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Workload.Op op = spec.workload().next(random, spec.getPercent());
        long start = System.nanoTime();
        try {
            switch (op) {
                case GET -> {
                    try {
                        client.get(randomKey(random));
                    } catch (NoValue miss) {
                        m.miss();
                    }
                }
                case SET -> client.set(randomKey(random), value);
                case MULTIGET -> {
                    List<String> batch = batch(random);
                    int hits = client.getMulti(batch).size();
                    if (hits < batch.size()) {
                        m.miss();
                    }
                }
            }
            m.success(System.nanoTime() - start, op == Workload.Op.MULTIGET ? Math.min(spec.batch(), keys.length) : 1);
        } catch (RuntimeException e) {
            m.error(e);
        }
    }

    /**
     * Starts one request without waiting; it records itself when it completes.
     *
     * @return the request's completion, which never fails (failures are recorded)
     */
    CompletableFuture<Void> async(Measurements m) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Workload.Op op = spec.workload().next(random, spec.getPercent());
        long start = System.nanoTime();
        CompletableFuture<?> f;
        try {
            f = switch (op) {
                case GET -> async.get(randomKey(random)).thenAccept(v -> {
                    if (v == null) {
                        m.miss();
                    }
                });
                case SET -> async.set(randomKey(random), value);
                case MULTIGET -> {
                    List<String> batch = batch(random);
                    yield async.getMulti(batch).thenAccept(hits -> {
                        if (hits.size() < batch.size()) {
                            m.miss();
                        }
                    });
                }
            };
        } catch (RuntimeException refusedAtOnce) {
            m.error(refusedAtOnce);
            return CompletableFuture.completedFuture(null);
        }
        int keyCount = op == Workload.Op.MULTIGET ? Math.min(spec.batch(), keys.length) : 1;
        return f.handle((ok, failure) -> {
            if (failure != null) {
                m.error(failure);
            } else {
                m.success(System.nanoTime() - start, keyCount);
            }
            return null;
        });
    }

    private String randomKey(ThreadLocalRandom random) {
        return keys[random.nextInt(keys.length)];
    }

    /** @return distinct keys (a repeated key would come back once and look like a miss) */
    private List<String> batch(ThreadLocalRandom random) {
        int n = Math.min(spec.batch(), keys.length);
        Set<String> batch = new LinkedHashSet<>(n * 2);
        while (batch.size() < n) {
            batch.add(randomKey(random));
        }
        return new ArrayList<>(batch);
    }
}
