package io.memcached2.testsupport;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** The tests' one bounded wait: poll a condition with a growing pause, never sleep a fixed time for a result. */
public final class Poll {
    private Poll() {}

    /**
     * Polls {@code condition} until it holds or {@code bound} passes.
     *
     * @throws AssertionError naming {@code what} if the condition never held
     */
    public static void until(String what, Duration bound, BooleanSupplier condition) {
        long deadline = System.nanoTime() + bound.toNanos();
        long pause = 1;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + bound + ": " + what);
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
