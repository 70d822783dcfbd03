package io.memcached2.cli.bench;

import io.memcached2.Memcache;
import io.memcached2.ServerAddress;
import io.memcached2.ServerDisconnect;
import io.memcached2.load.AsyncWindowLoad;
import io.memcached2.load.LoadRecorder;
import io.memcached2.load.ThreadedLoad;
import io.memcached2.load.Window;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/** Runs one workload through the memcached2 client: prepare the keys, warm up, measure. */
final class SingleClientBench {
    /** Bytes per prepare batch: large enough to be quick, small enough to stay well inside the timeout. */
    private static final int PREPARE_BATCH_BYTES = 256 * 1024;

    private static final Duration READY_POLL = Duration.ofMillis(50);

    private final BenchSpec spec;
    private final ThreadFactory threads;
    private final PrintStream progressOut;
    private final boolean terminal;
    private final Duration interval;
    private final Duration operationTimeout;
    private final Duration connectTimeout;

    /**
     * @param spec what to run
     * @param threads makes worker threads of the chosen kind
     * @param progressOut where the progress line goes
     * @param terminal whether the progress line redraws in place
     * @param interval time between progress updates
     * @param operationTimeout the client's operation timeout, which bounds how long the last requests may take
     * @param connectTimeout the client's connect timeout, which with the operation timeout bounds the first answer
     */
    SingleClientBench(
            BenchSpec spec,
            ThreadFactory threads,
            PrintStream progressOut,
            boolean terminal,
            Duration interval,
            Duration operationTimeout,
            Duration connectTimeout) {
        this.spec = spec;
        this.threads = threads;
        this.progressOut = progressOut;
        this.terminal = terminal;
        this.interval = interval;
        this.operationTimeout = operationTimeout;
        this.connectTimeout = connectTimeout;
    }

    /**
     * @param client a connected client of raw bytes
     * @return the measured phase
     * @throws InterruptedException when the calling thread is interrupted
     */
    BenchResult run(Memcache<byte[]> client) throws InterruptedException {
        Requests requests = new Requests(spec, client);
        awaitServers(client);
        if (spec.workload().readsStoredKeys()) {
            prepare(client, requests);
        }
        if (!spec.warmup().isZero()) {
            phase(requests, "warm-up", spec.warmup(), new LoadRecorder());
        }
        LoadRecorder m = new LoadRecorder();
        long elapsed = phase(requests, "measure", spec.duration(), m);
        return new BenchResult(
                "memcached2", elapsed, m.latencies(), m.items(), m.misses(), m.errors(), m.firstFailures());
    }

    /**
     * Requests made before a connection is ready wait for it within their own timeout, so stores queued behind a
     * slow first connection (a cold JVM on a busy machine) would all time out together: wait for every server to
     * answer first, within a bound.
     */
    private void awaitServers(Memcache<byte[]> client) {
        Duration bound = connectTimeout.plus(operationTimeout.multipliedBy(2));
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            List<ServerAddress> silent = new ArrayList<>();
            client.version().forEach((server, version) -> {
                if (version == null) {
                    silent.add(server);
                }
            });
            if (silent.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new ServerDisconnect("no answer from "
                        + silent.stream().map(ServerAddress::hostAndPort).collect(Collectors.joining(", ")) + " within "
                        + bound.toMillis() + " ms");
            }
            // A server that refuses connections answers null at once; pace the checks instead of spinning.
            LockSupport.parkNanos(READY_POLL.toNanos());
        }
    }

    private void prepare(Memcache<byte[]> client, Requests requests) {
        String[] keys = requests.keys();
        int batch = Math.max(1, Math.min(200, PREPARE_BATCH_BYTES / Math.max(1, spec.valueSize())));
        Map<String, byte[]> values = new LinkedHashMap<>();
        for (String key : keys) {
            values.put(key, requests.value());
            if (values.size() == batch) {
                client.setMulti(values);
                values.clear();
            }
        }
        if (!values.isEmpty()) {
            client.setMulti(values);
        }
    }

    /** Runs the load the way the concurrency kind says, through the shared load generator. */
    private long phase(Requests requests, String label, Duration duration, LoadRecorder m) throws InterruptedException {
        ProgressLine progress = new ProgressLine(progressOut, terminal, interval, label, m);
        try {
            if (spec.kind() == ConcurrencyKind.ASYNC) {
                Duration drainBound = operationTimeout.multipliedBy(2).plusSeconds(1);
                return new AsyncWindowLoad<>(
                                spec.concurrency(), random -> requests.async(random, m), Integer::intValue, drainBound)
                        .run(duration, m, Window.NONE);
            }
            return new ThreadedLoad(
                            "mc-bench", spec.concurrency(), threads, worker -> random -> requests.blocking(random, m))
                    .run(duration, m, Window.NONE);
        } finally {
            progress.stop();
        }
    }
}
