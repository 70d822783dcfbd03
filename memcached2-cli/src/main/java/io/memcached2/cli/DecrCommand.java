package io.memcached2.cli;

import io.memcached2.Memcache;
import java.time.Duration;
import picocli.CommandLine.Command;

/** {@code mc decr}: Subtracts from a decimal counter, stopping at 0, and prints the new value. */
@Command(
        name = "decr",
        mixinStandardHelpOptions = true,
        description = {
            "Subtracts from a decimal counter, stopping at 0, and prints the new value.",
            "Exit 1 if the key is absent (see --initial), exit 3 if it is not a number."
        })
final class DecrCommand extends CounterCommand {
    @Override
    long apply(Memcache<byte[]> client, String key, long delta) {
        return client.decr(key, delta);
    }

    @Override
    long create(Memcache<byte[]> client, String key, long delta, long initial, Duration ttl) {
        return client.decr(key, delta, initial, ttl);
    }
}
