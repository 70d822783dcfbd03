package io.memcached2.routing;

import java.time.Duration;

/** Decides how long a failed server rests before the client tries to connect to it again. */
@FunctionalInterface
public interface Reconnector {
    /**
     * @param failures consecutive failed attempts so far, 1 after the first failure
     * @return how long to wait before the next attempt; zero means at once
     */
    Duration delay(int failures);
}
