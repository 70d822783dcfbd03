package io.memcached2.cli;

import io.memcached2.Memcache;
import io.memcached2.cli.support.DurationConverter;
import io.memcached2.cli.support.ExitCodes;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mc flush}: invalidates every item on every configured server. */
@Command(
        name = "flush",
        mixinStandardHelpOptions = true,
        description = "Invalidates every item on every configured server.")
final class FlushCommand extends ClientCommand {
    @Option(
            names = "--delay",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Flush once this much time has passed, instead of now.")
    private Duration delay;

    @Override
    int run(Memcache<byte[]> client) {
        if (delay == null) {
            client.flushAll();
        } else {
            client.flushAll(delay);
        }
        int n = mc.servers().size();
        mc.streams()
                .err()
                .println("flushed " + n + (n == 1 ? " server" : " servers")
                        + (delay == null ? "" : " (takes effect in " + delay.toSeconds() + "s)"));
        return ExitCodes.OK;
    }
}
