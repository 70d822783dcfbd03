package io.memcached2.lease;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Bounded waits for the lease tests: poll a condition, never sleep a fixed time for a result. */
final class Support {
    private Support() {
    }

    /** @throws AssertionError naming {@code what} if the condition does not hold within {@code timeout} */
    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 1;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for: " + what, e);
            }
            pause = Math.min(pause * 2, 20);
        }
    }
}
