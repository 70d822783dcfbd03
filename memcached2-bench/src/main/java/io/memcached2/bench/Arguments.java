package io.memcached2.bench;

import io.memcached2.ServerAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the load benchmark's command line into a {@link BenchmarkConfig}. */
public final class Arguments {
    /** The usage text, listing every option and its default. */
    public static final String USAGE = """
            usage: run.sh [options]
              --servers host:port,...   servers to use (default: start a local memcached, pinned to CPU 0)
              --clients a,b,...         clients to compare, of %s (default: %s)
              --workloads a,b,...       workloads to run (default: %s)
              --rounds N                measured rounds per client and workload (default: %d)
              --warmup D                warm-up before each measured round, e.g. 5s, 500ms (default: 5s)
              --duration D              measured time per round (default: 10s)
              --keys N                  distinct keys per workload (default: %d)
              --server-threads N        worker threads of the local memcached (default: %d)
              --out FILE                also write results to FILE (.json for JSON, otherwise CSV)
              --page FILE               also write this run's section of docs/BENCHMARKS.md to FILE
              --help                    print this text
            """.formatted(
                    String.join(",", Clients.names()),
                    String.join(",", Clients.defaults()),
                    String.join(",", Workloads.names()),
                    BenchmarkConfig.DEFAULT_ROUNDS,
                    Workloads.DEFAULT_KEYS,
                    BenchmarkConfig.DEFAULT_SERVER_THREADS);

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m)?");

    private Arguments() {}

    /**
     * @param args the command line
     * @return the configuration, or empty when help was asked for
     * @throws IllegalArgumentException naming the offending option
     */
    public static Optional<BenchmarkConfig> parse(String... args) {
        BenchmarkConfig d = BenchmarkConfig.defaults();
        List<ServerAddress> servers = d.servers();
        List<String> clients = d.clients();
        List<String> workloads = d.workloads();
        int rounds = d.rounds();
        Duration warmup = d.warmup();
        Duration duration = d.duration();
        int keys = d.keys();
        int serverThreads = d.serverThreads();
        Optional<Path> output = d.output();
        Optional<Path> page = d.page();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--help") || option.equals("-h")) {
                return Optional.empty();
            }
            if (i + 1 == args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--servers" ->
                    servers = list(value).stream().map(ServerAddress::parse).toList();
                case "--clients" -> clients = list(value);
                case "--workloads" -> workloads = list(value);
                case "--rounds" -> rounds = number(option, value);
                case "--warmup" -> warmup = duration(option, value);
                case "--duration" -> duration = duration(option, value);
                case "--keys" -> keys = number(option, value);
                case "--server-threads" -> serverThreads = number(option, value);
                case "--out" -> output = Optional.of(Path.of(value));
                case "--page" -> page = Optional.of(Path.of(value));
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        return Optional.of(new BenchmarkConfig(
                servers, clients, workloads, rounds, warmup, duration, keys, serverThreads, output, page));
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static int number(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " wants a whole number, not " + value);
        }
    }

    private static Duration duration(String option, String value) {
        Matcher m = DURATION.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException(option + " wants a duration such as 5s or 500ms, not " + value);
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofSeconds(amount);
        };
    }
}
