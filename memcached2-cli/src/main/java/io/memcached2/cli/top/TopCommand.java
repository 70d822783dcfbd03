package io.memcached2.cli.top;

import io.memcached2.Memcache;
import io.memcached2.ServerAddress;
import io.memcached2.cli.support.CommandContext;
import io.memcached2.cli.support.DurationConverter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code mc top}: a live view of the configured servers, refreshed every interval. */
@Command(
        name = "top",
        mixinStandardHelpOptions = true,
        description = {
            "A live view of the servers: gets/s and sets/s (from the statistics' deltas), the hit ratio "
                    + "of the interval's gets, evictions, memory used of the limit, and connections.",
            "On a terminal the table redraws in place; otherwise (or with --plain) one line per server and interval.",
            "Ctrl-C stops it and restores the cursor; the exit code is then 130, as for any process stopped by "
                    + "SIGINT (0 when --count frames were drawn)."
        })
public final class TopCommand implements Callable<Integer> {
    @ParentCommand
    private CommandContext mc;

    @Option(
            names = {"-i", "--interval"},
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Time between refreshes (default: 1s).")
    private Duration interval = Duration.ofSeconds(1);

    @Option(names = "--plain", description = "One line per server and interval, even on a terminal.")
    private boolean plain;

    @Option(
            names = {"-n", "--count"},
            paramLabel = "N",
            description = "Stop after N refreshes (default: run until Ctrl-C).")
    private int count;

    @Override
    public Integer call() throws InterruptedException {
        List<ServerAddress> servers = mc.servers();
        try (Memcache<byte[]> client = mc.connect(servers)) {
            return new LiveStats(
                            client,
                            servers.stream().map(Object::toString).toList(),
                            mc.streams(),
                            interval,
                            plain,
                            count)
                    .run();
        }
    }
}
