package io.memcached2.load;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What a load records as it runs, from any number of threads without locks: the latency of each successful request
 * (nanoseconds, HdrHistogram), requests and items (keys) that succeeded, misses, failures by exception type, and
 * the first failures in full. A live view drains the latencies interval by interval; every drained interval also
 * goes into the total.
 */
public final class LoadRecorder {
    /** Latencies above this are recorded as this: a request a minute late is late enough to say so. */
    public static final long HIGHEST_TRACKABLE_NANOS = TimeUnit.MINUTES.toNanos(1);
    /** How many failures are kept in full, beside the counts by type. */
    public static final int FIRST_FAILURES_KEPT = 10;

    private final Recorder latencies = new Recorder(HIGHEST_TRACKABLE_NANOS, 3);
    private final Histogram total = new Histogram(HIGHEST_TRACKABLE_NANOS, 3);
    private final LongAdder operations = new LongAdder();
    private final LongAdder items = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final List<String> firstFailures = new CopyOnWriteArrayList<>();
    private Histogram recycled;

    /** Creates an empty recorder. */
    public LoadRecorder() {}

    /**
     * Records one successful request.
     *
     * @param latencyNanos how long it took
     * @param itemCount how many keys it read or wrote
     */
    public void success(long latencyNanos, int itemCount) {
        latencies.recordValue(Math.max(1, Math.min(latencyNanos, HIGHEST_TRACKABLE_NANOS)));
        operations.increment();
        items.add(itemCount);
    }

    /**
     * Records keys that were read but not found (the request itself counts as a success).
     *
     * @param count how many keys missed
     */
    public void miss(int count) {
        misses.add(count);
    }

    /**
     * Records one failed request under the type of its root cause, and keeps it in full if it is among the first.
     *
     * @param failure what the client threw or failed the future with
     */
    public void failure(Throwable failure) {
        Throwable cause = Failures.rootCause(failure);
        errors.computeIfAbsent(cause.getClass().getSimpleName(), k -> new LongAdder())
                .increment();
        if (firstFailures.size() < FIRST_FAILURES_KEPT) {
            firstFailures.add(String.valueOf(cause));
        }
    }

    /**
     * Moves the latencies recorded since the last call into the total. Only a live view and, once the load stopped,
     * its owner call this, so the lock is never contended by the load.
     *
     * @return the latencies of this interval (valid until the next call)
     */
    public synchronized Histogram drainInterval() {
        recycled = latencies.getIntervalHistogram(recycled);
        total.add(recycled);
        return recycled;
    }

    /** @return every latency recorded so far, in nanoseconds (drains the current interval first) */
    public synchronized Histogram latencies() {
        drainInterval();
        return total.copy();
    }

    /** @return the number of successful requests */
    public long operations() {
        return operations.sum();
    }

    /** @return the number of keys read or written by successful requests */
    public long items() {
        return items.sum();
    }

    /** @return the number of keys that missed */
    public long misses() {
        return misses.sum();
    }

    /** @return the number of failed requests */
    public long errorCount() {
        return errors.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** @return failures counted by the simple name of the root cause's type, sorted by name */
    public Map<String, Long> errors() {
        Map<String, Long> counts = new TreeMap<>();
        errors.forEach((type, count) -> counts.put(type, count.sum()));
        return counts;
    }

    /** @return the first {@value #FIRST_FAILURES_KEPT} failures, as their root causes' {@code toString} */
    public List<String> firstFailures() {
        return List.copyOf(firstFailures);
    }
}
