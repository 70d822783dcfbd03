package io.memcached2.cli.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What the load records as it runs, from any number of threads without locks: latencies of successful requests
 * (nanoseconds, HdrHistogram), keys read, misses, and errors by type. The progress line and the final report drain
 * the latencies interval by interval into one total.
 */
final class Measurements {
    private final Recorder latencies = new Recorder(3);
    private final Histogram total = new Histogram(3);
    private final LongAdder keys = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private Histogram recycled;

    /** Records a request that succeeded, with the keys it read or wrote. */
    void success(long latencyNanos, int keyCount) {
        latencies.recordValue(Math.max(1, latencyNanos));
        keys.add(keyCount);
    }

    /** Records a get that found nothing (the key was evicted or expired); it also counts as a success. */
    void miss() {
        misses.increment();
    }

    /** Records a failed request under its exception's type. */
    void error(Throwable t) {
        Throwable cause = t;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        errors.computeIfAbsent(cause.getClass().getSimpleName(), k -> new LongAdder()).increment();
    }

    /**
     * Moves the latencies recorded since the last call into the total. Only the progress thread and, after it
     * stopped, the runner call this, so the lock is never contended by the load.
     *
     * @return the latencies of this interval (valid until the next call)
     */
    synchronized Histogram drainInterval() {
        recycled = latencies.getIntervalHistogram(recycled);
        total.add(recycled);
        return recycled;
    }

    /** @return every latency drained so far */
    synchronized Histogram total() {
        return total.copy();
    }

    long keys() {
        return keys.sum();
    }

    long misses() {
        return misses.sum();
    }

    long errorCount() {
        return errors.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** @return errors by exception type, sorted by name */
    Map<String, Long> errors() {
        Map<String, Long> m = new TreeMap<>();
        errors.forEach((type, n) -> m.put(type, n.sum()));
        return m;
    }
}
