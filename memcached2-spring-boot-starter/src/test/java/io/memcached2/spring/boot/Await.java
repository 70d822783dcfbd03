package io.memcached2.spring.boot;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition with a bound: no fixed sleeps in the tests. */
final class Await {
    private Await() {}

    static void until(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            Thread.sleep(20);
        }
    }
}
