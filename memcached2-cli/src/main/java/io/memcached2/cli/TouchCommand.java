package io.memcached2.cli;

import io.memcached2.Memcache;
import io.memcached2.cli.support.DurationConverter;
import io.memcached2.cli.support.ExitCodes;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mc touch}: gives a key a new time to live. */
@Command(
        name = "touch",
        mixinStandardHelpOptions = true,
        description = "Gives a key a new time to live (0 for never). Exit 1 if the key is absent.")
final class TouchCommand extends ClientCommand {
    @Parameters(index = "0", paramLabel = "KEY", description = "The key.")
    private String key;

    @Parameters(
            index = "1",
            paramLabel = "TTL",
            converter = DurationConverter.class,
            description = "The new time to live: 30s, 5m, 1h, 2d, or seconds.")
    private Duration ttl;

    @Override
    int run(Memcache<byte[]> client) {
        client.touch(key, ttl);
        return ExitCodes.OK;
    }
}
