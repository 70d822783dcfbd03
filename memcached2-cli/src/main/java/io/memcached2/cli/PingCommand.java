package io.memcached2.cli;

import io.memcached2.Memcache;
import io.memcached2.ServerAddress;
import io.memcached2.cli.support.ExitCodes;
import io.memcached2.cli.support.Json;
import io.memcached2.cli.support.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code mc ping}: checks that each server answers, and how fast. Each server gets its own client so that one slow
 * server does not blur the others' round trips.
 */
@Command(
        name = "ping",
        mixinStandardHelpOptions = true,
        description = {
            "Checks that each server answers, and times round trips (a version request).",
            "Exit 4 if any server does not answer."
        })
final class PingCommand implements Callable<Integer> {
    @ParentCommand
    private McCommand mc;

    @Option(
            names = {"-c", "--count"},
            paramLabel = "N",
            description = "Round trips per server (default: 3).")
    private int count = 3;

    @Option(
            names = "--json",
            description = "Print {\"server URI\": {\"up\": …, \"version\": …, \"rtt_ms\": "
                    + "{\"min\": …, \"avg\": …, \"max\": …}}}.")
    private boolean json;

    @Override
    public Integer call() {
        if (count < 1) {
            throw new IllegalArgumentException("--count must be at least 1: " + count);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        Table table = new Table("SERVER", "STATUS", "VERSION", "RTT MIN/AVG/MAX");
        int down = 0;
        for (ServerAddress server : mc.servers()) {
            Result r = ping(server);
            doc.put(server.toString(), r.json());
            table.row(server, r.up() ? "up" : "down", r.version() == null ? "-" : r.version(), r.rttText());
            if (!r.up()) {
                mc.streams().err().println("mc ping: server " + server + " did not answer");
                down++;
            }
        }
        if (json) {
            mc.streams().out().println(Json.render(doc));
        } else {
            table.print(mc.streams().out(), 0);
        }
        return down == 0 ? ExitCodes.OK : ExitCodes.UNAVAILABLE;
    }

    private Result ping(ServerAddress server) {
        try (Memcache<byte[]> client = mc.connect(List.of(server))) {
            // The first request waits for the connection; timing it would measure the handshake, not a round trip.
            String version = client.version().get(server);
            if (version == null) {
                return new Result(null, List.of());
            }
            List<Double> rtts = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                long start = System.nanoTime();
                if (client.version().get(server) == null) {
                    return new Result(null, List.of());
                }
                rtts.add((System.nanoTime() - start) / 1e6);
            }
            return new Result(version, rtts);
        }
    }

    /** One server's answer: its version (null if it did not answer) and round trips in milliseconds. */
    private record Result(String version, List<Double> rtts) {
        boolean up() {
            return version != null;
        }

        double min() {
            return rtts.stream().mapToDouble(d -> d).min().orElse(0);
        }

        double avg() {
            return rtts.stream().mapToDouble(d -> d).average().orElse(0);
        }

        double max() {
            return rtts.stream().mapToDouble(d -> d).max().orElse(0);
        }

        String rttText() {
            return up() ? String.format(Locale.ROOT, "%.3f/%.3f/%.3f ms", min(), avg(), max()) : "-";
        }

        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("up", up());
            m.put("version", version);
            if (up()) {
                Map<String, Object> rtt = new LinkedHashMap<>();
                rtt.put("min", min());
                rtt.put("avg", avg());
                rtt.put("max", max());
                m.put("rtt_ms", rtt);
            }
            return m;
        }
    }
}
