package io.memcached2.event;

import io.memcached2.ServerAddress;
import java.time.Duration;
import java.util.List;

/**
 * A request that has ended, successfully or not.
 *
 * @param command as in {@link RequestStart#command()}
 * @param keys as in {@link RequestStart#keys()}
 * @param servers the servers the request was sent to, in the order it reached them; empty if it was refused before
 *     the wire
 * @param outcome how it ended
 * @param hits for retrievals, how many keys were found; 0 otherwise
 * @param misses for retrievals, how many keys were not found; 0 otherwise
 * @param bytesSent bytes written to the servers for it
 * @param bytesReceived bytes of reply read for it
 * @param duration from the call to its end
 * @param error the failure when {@code outcome} is {@link Outcome#ERROR}, else null
 */
public record RequestEnd(
        String command,
        int keys,
        List<ServerAddress> servers,
        Outcome outcome,
        int hits,
        int misses,
        long bytesSent,
        long bytesReceived,
        Duration duration,
        Throwable error) {
    /** @return the simple class name of {@link #error()}, for a metric tag or span attribute, or null */
    public String errorType() {
        return error == null ? null : error.getClass().getSimpleName();
    }
}
