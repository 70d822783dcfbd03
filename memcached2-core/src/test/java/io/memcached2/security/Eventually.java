package io.memcached2.security;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Waits, with a bound, for an action to succeed: how tests wait for a client to reconnect. */
final class Eventually {
    /**
     * An operation timeout for tests whose first request also waits for a TLS handshake: on a loaded build box that
     * can take longer than the default second.
     */
    static final Duration SLOW_BOX = Duration.ofSeconds(5);

    private Eventually() {}

    /**
     * Runs {@code action} until it returns without throwing (assertions included), pausing briefly between tries.
     *
     * @return the action's first successful result
     * @throws AssertionError carrying the last failure when {@code bound} passes first
     */
    static <T> T succeeds(Duration bound, Callable<T> action) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            try {
                return action.call();
            } catch (Exception | AssertionError e) {
                if (System.nanoTime() - deadline > 0) {
                    throw new AssertionError("still failing after " + bound + ": " + e, e);
                }
                Thread.sleep(20);
            }
        }
    }
}
