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

    final java.time.Duration margin;

    Tally(String scenario) {
        this(scenario, Chaos.MARGIN);
    }

    Tally(String scenario, java.time.Duration margin) {
        this.scenario = scenario;
        this.margin = margin;
    }

    void latency(long nanos) {
        latency(nanos, "a call");
    }

    /** @param what the call and its outcome, for the violation message */
    void latency(long nanos, String what) {
        worstLatencyNanos.accumulateAndGet(nanos, Math::max);
        if (nanos > Chaos.CALL_BOUND.plus(margin).toNanos()) {
            late.increment();
            violation(what + " took " + TimeUnit.NANOSECONDS.toMillis(nanos) + " ms, over the connect and operation"
                    + " timeouts " + Chaos.CALL_BOUND.toMillis() + " ms + margin " + margin.toMillis() + " ms");
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
        new TreeMap<>(errors).forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(' ')
                .append(v.sum()));
        return sb.toString();
    }

    /** @return worst latency past the connect plus operation timeouts, or 0 if every call finished within them */
    long overshootNanos() {
        return Math.max(0, worstLatencyNanos.get() - Chaos.CALL_BOUND.toNanos());
    }
}
