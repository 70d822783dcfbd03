package io.memcached2.layers;

import io.memcached2.testsupport.Poll;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition with a bound, polling, instead of sleeping a fixed time. */
final class Waits {
    private Waits() {}

    static void until(String what, Duration bound, BooleanSupplier condition) {
        Poll.until(what, bound, condition);
    }
}
