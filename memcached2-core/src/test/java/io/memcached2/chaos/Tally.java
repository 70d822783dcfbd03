package io.memcached2.chaos;

import io.memcached2.MemcachedException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The operation log of one scenario, kept as counters (a log of millions of operations would not fit): every
 * operation's outcome, its latency against the timeout, and every violated property with the first examples.
 */
final class Tally {
    final String scenario;
    final LongAdder ops = new LongAdder();
    final LongAdder ok = new LongAdder();
    final LongAdder misses = new LongAdder();
    final LongAdder wrong = new LongAdder();
    final LongAdder garbled = new LongAdder();
    final LongAdder late = new LongAdder();
    final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    final AtomicLong worstLatencyNanos = new AtomicLong();
    final List<String> violations = new CopyOnWriteArrayList<>();
    volatile long recoveryNanos = -1;
    volatile String leaks = "-";
    volatile String notes = "";
    /** Established connections the client lost during the scenario (counted at the proxies), or -1 if not counted. */
    volatile long losses = -1;

    final java.time.Duration margin;
    /** How long a call may take before its margin. */
    final java.time.Duration bound;

    Tally(String scenario) {
        this(scenario, Chaos.MARGIN);
    }

    Tally(String scenario, java.time.Duration margin) {
        this(scenario, margin, Chaos.CALL_BOUND);
    }

    /** @param bound how long a call may take before its margin, if not {@link Chaos#CALL_BOUND} */
    Tally(String scenario, java.time.Duration margin, java.time.Duration bound) {
        this.scenario = scenario;
        this.margin = margin;
        this.bound = bound;
    }

    void latency(long nanos) {
        latency(nanos, "a call");
    }

    /** @param what the call and its outcome, for the violation message */
    void latency(long nanos, String what) {
        worstLatencyNanos.accumulateAndGet(nanos, Math::max);
        if (nanos > bound.plus(margin).toNanos()) {
            late.increment();
            violation(what + " took " + TimeUnit.NANOSECONDS.toMillis(nanos) + " ms, over its bound " + bound.toMillis()
                    + " ms + margin " + margin.toMillis() + " ms");
        }
    }

    void ok() {
        ops.increment();
        ok.increment();
    }

    void miss() {
        ops.increment();
        misses.increment();
    }

    /** Counts a failed call; anything that is not one of the client's documented exceptions is a violation. */
    void error(Throwable t) {
        ops.increment();
        String type = t.getClass().getSimpleName();
        errors.computeIfAbsent(type, k -> new LongAdder()).increment();
        if (!(t instanceof MemcachedException)) {
            violation("raw exception surfaced: " + t);
        }
    }

    void wrongValue(String what) {
        wrong.increment();
        violation("wrong value: " + what);
    }

    void violation(String what) {
        if (violations.size() < 20) {
            violations.add(what);
        }
    }

    long count(String type) {
        LongAdder a = errors.get(type);
        return a == null ? 0 : a.sum();
    }

    /** Error types other than those allowed here are violations. */
    void allowOnly(Set<String> allowed) {
        errors.forEach((type, n) -> {
            if (!allowed.contains(type)) {
                violation(n.sum() + " errors of type " + type + ", which this scenario must not produce");
            }
        });
    }

    String errorSummary() {
        if (errors.isEmpty()) {
            return "none";
        }
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(errors)
                .forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ")
                        .append(k)
                        .append(' ')
                        .append(v.sum()));
        return sb.toString();
    }

    /** @return every error a caller saw */
    long errorCount() {
        return errors.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** @return errors seen by callers per lost connection, with both counts; "-" if losses were not counted */
    String errorsPerLoss() {
        if (losses < 0) {
            return "-";
        }
        if (losses == 0) {
            return "no loss (" + errorCount() + " errors)";
        }
        return String.format(
                java.util.Locale.ROOT, "%.2f (%d / %d)", (double) errorCount() / losses, errorCount(), losses);
    }

    /** @return worst latency past the bound (connect plus operation timeouts by default), or 0 if none went past */
    long overshootNanos() {
        return Math.max(0, worstLatencyNanos.get() - bound.toNanos());
    }
}
