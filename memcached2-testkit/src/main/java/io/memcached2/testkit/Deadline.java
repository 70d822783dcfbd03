package io.memcached2.testkit;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** A point in time after which waiting gives up; all waits in the kit go through it. */
final class Deadline {

    /** Interval between two checks of a condition that cannot notify. */
    static final Duration POLL_INTERVAL = Duration.ofMillis(5);

    private final long deadlineNanos;

    private Deadline(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
    }

    static Deadline after(Duration timeout) {
        return new Deadline(System.nanoTime() + timeout.toNanos());
    }

    boolean expired() {
        return remainingNanos() <= 0;
    }

    long remainingNanos() {
        return deadlineNanos - System.nanoTime();
    }

    long remainingMillis() {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(remainingNanos()));
    }

    /** Checks {@code condition} until it holds or the deadline passes; returns whether it held. */
    boolean await(BooleanSupplier condition) {
        while (true) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (expired()) {
                return false;
            }
            LockSupport.parkNanos(Math.min(POLL_INTERVAL.toNanos(), remainingNanos()));
        }
    }

    /** Parks the calling thread until {@code nanoTime} is reached (used to pace data, not to wait for a condition). */
    static void parkUntil(long nanoTime) {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
        }
    }
}
