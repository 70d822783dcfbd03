package io.memcached2.chaos;

import io.memcached2.Memcache;
import io.memcached2.MemcacheBuilder;
import io.memcached2.Reconnectors;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Settings shared by the reliability suites. The short CI version runs by default; {@code -Dsoak=10m} (any
 * {@code <n>s}, {@code <n>m} or {@code <n>h}) runs the long version, spreading that much load time over the load
 * scenarios.
 */
final class Chaos {
    /** Operation timeout of every client under test. */
    static final Duration OP_TIMEOUT = Duration.ofMillis(500);
    /** Connect timeout (TCP, TLS, the hello and the server's answer) of every client under test. */
    static final Duration CONNECT_TIMEOUT = Duration.ofMillis(500);
    /**
     * The longest a call may take before its margin: a request may wait for a connection being made (a lost one is
     * replaced at once) up to the connect timeout, then for its reply up to the operation timeout.
     */
    static final Duration CALL_BOUND = OP_TIMEOUT.plus(CONNECT_TIMEOUT);
    /** Largest reconnect backoff (exponential with full jitter from 20 ms). */
    static final Duration MAX_BACKOFF = Duration.ofMillis(500);
    /**
     * How late a call may complete past its operation timeout: the timer sweep runs every 20 ms, results are
     * handed over on the callback pool, and this 2-core machine runs other builds beside the tests.
     */
    static final Duration MARGIN = Duration.ofMillis(250);
    /** After a fault clears, operations must succeed again within the largest backoff plus one second. */
    static final Duration RECOVERY_BOUND = MAX_BACKOFF.plusSeconds(1);

    /** The soak duration, or null for the short CI version. */
    static final Duration SOAK = parse(System.getProperty("soak", ""));

    private Chaos() {}

    static boolean soak() {
        return SOAK != null;
    }

    /** @return how long a load scenario runs: a few seconds in CI, an equal share of the soak time otherwise */
    static Duration loadTime(Duration ci, int scenarios) {
        if (SOAK == null) {
            return ci;
        }
        Duration share = SOAK.dividedBy(scenarios);
        return share.compareTo(ci) > 0 ? share : ci;
    }

    /** @return worker threads of the load generator (platform threads: Java 17 has no virtual threads) */
    static int workers() {
        return soak() ? 32 : 16;
    }

    static Duration parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.isEmpty() || t.equals("false")) {
            return null;
        }
        if (t.equals("true")) {
            return Duration.ofMinutes(10);
        }
        long n = Long.parseLong(t.substring(0, t.length() - 1));
        switch (t.charAt(t.length() - 1)) {
            case 's':
                return Duration.ofSeconds(n);
            case 'm':
                return Duration.ofMinutes(n);
            case 'h':
                return Duration.ofHours(n);
            default:
                throw new IllegalArgumentException("soak must look like 90s, 10m or 1h: " + text);
        }
    }

    /** The options every client under test shares. */
    static MemcacheBuilder<String> client(String... uris) {
        return Memcache.builder()
                .servers(uris)
                .operationTimeout(OP_TIMEOUT)
                .connectTimeout(CONNECT_TIMEOUT)
                .reconnector(Reconnectors.exponential(Duration.ofMillis(20), MAX_BACKOFF));
    }

    /**
     * Polls {@code condition} every 5 ms until it holds.
     *
     * @return the nanoseconds it took, or -1 if it did not hold within {@code bound}
     */
    static long await(Duration bound, BooleanSupplier condition) {
        long start = System.nanoTime();
        long end = start + bound.toNanos();
        while (true) {
            if (condition.getAsBoolean()) {
                return System.nanoTime() - start;
            }
            if (System.nanoTime() - end > 0) {
                return -1;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    /** Keeps the fault on for a timed schedule (the schedule itself, not a wait for a condition). */
    static void hold(Duration d) {
        long end = System.nanoTime() + d.toNanos();
        long left;
        while ((left = end - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
        }
    }

    static String ms(long nanos) {
        return nanos < 0 ? "-" : TimeUnit.NANOSECONDS.toMillis(nanos) + " ms";
    }

    /**
     * Waits until every server answers: a cold JVM's first request can outlast a short operation timeout (class
     * loading, the first connection), which is not what a scenario measures.
     */
    static <V> io.memcached2.Memcache<V> ready(io.memcached2.Memcache<V> mc) {
        if (await(Duration.ofSeconds(10), () -> !mc.version().containsValue(null)) < 0) {
            throw new AssertionError("servers not answering within 10 s: " + mc.servers());
        }
        return mc;
    }
}
