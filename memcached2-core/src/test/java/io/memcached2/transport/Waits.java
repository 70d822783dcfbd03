package io.memcached2.transport;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Outcomes for the transport tests: a future's failure within a bound, what a call threw. */
final class Waits {
    private Waits() {}

    /** @return the exception {@code f} failed with (unwrapped), or null if it succeeded; fails if not done in time */
    static Throwable failureOf(CompletableFuture<?> f, Duration bound) {
        try {
            f.get(bound.toNanos(), TimeUnit.NANOSECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            throw new AssertionError("future not done within " + bound);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** @return what {@code call} threw, or null */
    static Throwable thrownBy(Runnable call) {
        try {
            call.run();
            return null;
        } catch (RuntimeException | Error e) {
            return e;
        }
    }
}
