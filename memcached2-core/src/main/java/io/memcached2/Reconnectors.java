package io.memcached2;

import io.memcached2.routing.Reconnector;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/** The built-in reconnection policies. */
public final class Reconnectors {
    private Reconnectors() {}

    /** @return try again at once after every failure (the seed's simple reconnector) */
    public static Reconnector immediate() {
        return failures -> Duration.ZERO;
    }

    /**
     * @param wait how long a failed server rests (the seed's default is 30 s)
     * @return try again only after {@code wait} since the last failure
     */
    public static Reconnector timed(Duration wait) {
        requireNonNegative(wait, "wait");
        return failures -> wait;
    }

    /**
     * Exponential backoff with full jitter: after the n-th failure, a random wait in {@code [0, min(max, base*2^(n-1))]},
     * at least 1 ms, so a fleet of clients does not reconnect in lockstep.
     *
     * @param base the first wait's upper bound
     * @param max the cap
     * @return the policy
     */
    public static Reconnector exponential(Duration base, Duration max) {
        requireNonNegative(base, "base");
        requireNonNegative(max, "max");
        long baseNanos = base.toNanos();
        long maxNanos = max.toNanos();
        return failures -> {
            int shift = Math.min(Math.max(failures - 1, 0), 30);
            long cap = baseNanos > (maxNanos >> shift) ? maxNanos : Math.min(maxNanos, baseNanos << shift);
            long nanos =
                    Math.max(1_000_000L, (long) (ThreadLocalRandom.current().nextDouble() * cap));
            return Duration.ofNanos(Math.min(nanos, Math.max(cap, 1_000_000L)));
        };
    }

    /** @return the default: exponential backoff from 100 ms up to 10 s */
    public static Reconnector defaultPolicy() {
        return exponential(Duration.ofMillis(100), Duration.ofSeconds(10));
    }

    private static void requireNonNegative(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative: " + d);
        }
    }
}
