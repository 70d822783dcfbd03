package io.memcached2.cli;

import io.memcached2.Memcache;
import java.time.Duration;
import picocli.CommandLine.Command;

/** {@code mc incr}: Adds to a decimal counter and prints the new value (64-bit, wraps at 2^64). */
@Command(
        name = "incr",
        mixinStandardHelpOptions = true,
        description = {
            "Adds to a decimal counter and prints the new value (64-bit, wraps at 2^64).",
            "Exit 1 if the key is absent (see --initial), exit 3 if it is not a number."
        })
final class IncrCommand extends CounterCommand {
    @Override
    long apply(Memcache<byte[]> client, String key, long delta) {
        return client.incr(key, delta);
    }

    @Override
    long create(Memcache<byte[]> client, String key, long delta, long initial, Duration ttl) {
        return client.incr(key, delta, initial, ttl);
    }
}
