package io.memcached2.cli;

import io.memcached2.Memcache;
import io.memcached2.ServerStats;
import io.memcached2.cli.support.DurationConverter;
import io.memcached2.cli.support.ExitCodes;
import io.memcached2.cli.support.Json;
import io.memcached2.cli.support.NaturalOrder;
import io.memcached2.cli.support.Table;
import io.memcached2.cli.top.LiveStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mc stats}: server statistics as a table with one column per server, raw pairs, or JSON. */
@Command(
        name = "stats",
        mixinStandardHelpOptions = true,
        description = {
            "Prints server statistics: a readable table with one column per server.",
            "A server that does not answer is reported on stderr (exit 4)."
        })
final class StatsCommand extends ClientCommand {
    /** The kinds of statistics memcached answers besides the general ones. */
    enum Kind {
        ITEMS,
        SLABS,
        SETTINGS,
        SIZES,
        CONNS
    }

    @Parameters(
            arity = "0..1",
            paramLabel = "KIND",
            description = "items, slabs, settings, sizes or conns (default: general statistics).")
    private Kind kind;

    @Option(names = "--raw", description = "Print every pair as the server sent it: 'STAT name value' lines.")
    private boolean raw;

    @Option(
            names = "--json",
            description =
                    "Print {\"server URI\": {\"name\": \"value\", …}}; null for a server " + "that did not answer.")
    private boolean json;

    @Option(names = "--watch", description = "Redraw a live view every interval instead: what mc top shows.")
    private boolean watch;

    @Option(
            names = {"-i", "--interval"},
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "With --watch: time between refreshes (default: 1s).")
    private Duration interval = Duration.ofSeconds(1);

    @Option(names = "--plain", description = "With --watch: one line per server and interval, even on a terminal.")
    private boolean plain;

    @Option(
            names = {"-n", "--count"},
            paramLabel = "N",
            description = "With --watch: stop after N refreshes (default: run until Ctrl-C, exit code 130).")
    private int count;

    @Override
    int run(Memcache<byte[]> client) throws InterruptedException {
        if (watch) {
            if (kind != null || raw || json) {
                throw new IllegalArgumentException(
                        "--watch shows the live view of the general statistics: drop " + "KIND, --raw and --json");
            }
            return new LiveStats(
                            client,
                            mc.servers().stream().map(Object::toString).toList(),
                            mc.streams(),
                            interval,
                            plain,
                            count)
                    .run();
        }
        List<ServerStats> stats =
                kind == null ? client.stats() : client.stats(kind.name().toLowerCase(Locale.ROOT));
        List<String> servers = mc.servers().stream().map(Object::toString).toList();
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            for (int i = 0; i < servers.size(); i++) {
                doc.put(
                        servers.get(i),
                        stats.get(i) == null ? null : sorted(stats.get(i).raw()));
            }
            out().println(Json.render(doc));
        } else if (stats.stream().allMatch(Objects::isNull)) {
            // Nothing to tabulate; the lines below say which servers did not answer.
        } else if (raw) {
            printRaw(stats, servers);
        } else if (kind == null) {
            GeneralStatsTable.of(servers, stats).print(out(), 0);
        } else {
            printKindTable(stats, servers);
        }
        int down = 0;
        for (int i = 0; i < servers.size(); i++) {
            if (stats.get(i) == null) {
                warn("server " + servers.get(i) + " did not answer");
                down++;
            }
        }
        return down == 0 ? ExitCodes.OK : ExitCodes.UNAVAILABLE;
    }

    private void printRaw(List<ServerStats> stats, List<String> servers) {
        for (int i = 0; i < servers.size(); i++) {
            if (stats.get(i) == null) {
                continue;
            }
            if (servers.size() > 1) {
                out().println("SERVER " + servers.get(i));
            }
            sorted(stats.get(i).raw()).forEach((name, value) -> out().println("STAT " + name + " " + value));
        }
    }

    private void printKindTable(List<ServerStats> stats, List<String> servers) {
        List<String> header = new ArrayList<>();
        header.add(kind.name());
        servers.forEach(header::add);
        Table table = new Table(header.toArray(new String[0]));
        TreeSet<String> names = new TreeSet<>(NaturalOrder.INSTANCE);
        stats.stream()
                .filter(Objects::nonNull)
                .forEach(s -> names.addAll(s.raw().keySet()));
        for (String name : names) {
            Object[] row = new Object[servers.size() + 1];
            row[0] = name;
            for (int i = 0; i < servers.size(); i++) {
                row[i + 1] = stats.get(i) == null ? "down" : stats.get(i).get(name);
            }
            table.row(row);
        }
        table.print(out(), 0);
    }

    /** The library keeps the pairs in a map without order; natural order puts items:2 before items:10. */
    private static Map<String, String> sorted(Map<String, String> pairs) {
        Map<String, String> m = new TreeMap<>(NaturalOrder.INSTANCE);
        m.putAll(pairs);
        return m;
    }
}
