package io.memcached2.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Collects what happens during one round from any number of threads: latency of each successful operation, how
 * many operations and items (keys) succeeded, misses, and failures by exception type.
 */
public final class RoundRecorder {
    private static final long HIGHEST_TRACKABLE_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final Recorder latencies = new Recorder(HIGHEST_TRACKABLE_NANOS, 3);
    private final LongAdder operations = new LongAdder();
    private final LongAdder items = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

    /** Creates an empty recorder. */
    public RoundRecorder() {
    }

    /**
     * Records one successful operation.
     *
     * @param latencyNanos how long it took
     * @param itemCount how many keys it read or wrote
     */
    public void success(long latencyNanos, int itemCount) {
        latencies.recordValue(Math.min(latencyNanos, HIGHEST_TRACKABLE_NANOS));
        operations.increment();
        items.add(itemCount);
    }

    /**
     * Records keys that were read but not found; the workloads pre-populate every key they read, so a miss means
     * something is off (eviction, a transcoder mismatch) and the report shows it.
     *
     * @param count how many keys missed
     */
    public void miss(int count) {
        misses.add(count);
    }

    /**
     * Records one failed operation.
     *
     * @param failure what the client threw or failed the future with
     */
    public void failure(Throwable failure) {
        errors.computeIfAbsent(Failures.typeOf(failure), k -> new LongAdder()).increment();
    }

    /** @return the latencies recorded so far, in nanoseconds (call once, after the round) */
    public Histogram latencies() {
        return latencies.getIntervalHistogram();
    }

    /** @return the number of successful operations */
    public long operations() {
        return operations.sum();
    }

    /** @return the number of keys read or written by successful operations */
    public long items() {
        return items.sum();
    }

    /** @return the number of keys that missed */
    public long misses() {
        return misses.sum();
    }

    /** @return failures counted by the simple name of the exception type, sorted by name */
    public Map<String, Long> errors() {
        Map<String, Long> counts = new TreeMap<>();
        errors.forEach((type, count) -> counts.put(type, count.sum()));
        return counts;
    }
}
