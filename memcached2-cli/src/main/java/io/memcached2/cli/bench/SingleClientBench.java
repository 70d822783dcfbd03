package io.memcached2.cli.bench;

import io.memcached2.Memcache;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadFactory;

/** Runs one workload through the memcached2 client: prepare the keys, warm up, measure. */
final class SingleClientBench {
    /** Bytes per prepare batch: large enough to be quick, small enough to stay well inside the timeout. */
    private static final int PREPARE_BATCH_BYTES = 1 << 20;

    private final BenchSpec spec;
    private final ThreadFactory threads;
    private final PrintStream progressOut;
    private final boolean terminal;
    private final Duration interval;
    private final Duration operationTimeout;

    /**
     * @param spec what to run
     * @param threads makes worker threads of the chosen kind
     * @param progressOut where the progress line goes
     * @param terminal whether the progress line redraws in place
     * @param interval time between progress updates
     * @param operationTimeout the client's operation timeout, which bounds how long the last requests may take
     */
    SingleClientBench(BenchSpec spec, ThreadFactory threads, PrintStream progressOut, boolean terminal,
            Duration interval, Duration operationTimeout) {
        this.spec = spec;
        this.threads = threads;
        this.progressOut = progressOut;
        this.terminal = terminal;
        this.interval = interval;
        this.operationTimeout = operationTimeout;
    }

    /**
     * @param client a connected client of raw bytes
     * @return the measured phase
     * @throws InterruptedException when the calling thread is interrupted
     */
    BenchResult run(Memcache<byte[]> client) throws InterruptedException {
        Requests requests = new Requests(spec, client);
        if (spec.workload().readsStoredKeys()) {
            prepare(client, requests);
        }
        LoadRunner runner = new LoadRunner(spec, requests, threads, operationTimeout.multipliedBy(2).plusSeconds(1));
        if (!spec.warmup().isZero()) {
            phase(runner, "warm-up", spec.warmup());
        }
        Measurements m = new Measurements();
        long elapsed = phase(runner, "measure", spec.duration(), m);
        return new BenchResult("memcached2", elapsed, m.total(), m.keys(), m.misses(), m.errors());
    }

    private void prepare(Memcache<byte[]> client, Requests requests) {
        String[] keys = requests.keys();
        int batch = Math.max(1, Math.min(1000, PREPARE_BATCH_BYTES / Math.max(1, spec.valueSize())));
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

    private long phase(LoadRunner runner, String label, Duration duration) throws InterruptedException {
        return phase(runner, label, duration, new Measurements());
    }

    private long phase(LoadRunner runner, String label, Duration duration, Measurements m)
            throws InterruptedException {
        long elapsed;
        try (ProgressLine progress = new ProgressLine(progressOut, terminal, interval, label, m)) {
            elapsed = runner.run(duration, m);
        }
        m.drainInterval();
        return elapsed;
    }
}
