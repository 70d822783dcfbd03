package io.memcached2.cli.bench;

import io.memcached2.ServerAddress;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code mc bench --compare}: memcached2 and the named peers through the benchmark module's harness, in rounds
 * whose client order rotates, so every client sees the same server, keys and values within one run. The harness
 * runs its standard workloads; the one matching --workload and --threads-kind is chosen here.
 */
final class CompareBench {
    private static final String SUBJECT = "memcached2";

    private CompareBench() {}

    /**
     * @param workload the workload asked for
     * @param kind the concurrency kind asked for
     * @param concurrency the concurrency asked for, or null for the standard one
     * @return the name of the harness's standard workload that runs it
     * @throws IllegalArgumentException when the harness has no such workload
     */
    static String standardWorkload(Workload workload, ConcurrencyKind kind, Integer concurrency) {
        if (kind == ConcurrencyKind.VIRTUAL) {
            throw new IllegalArgumentException("--compare runs platform threads or async requests; the comparison "
                    + "harness has no virtual-thread workloads");
        }
        if (kind == ConcurrencyKind.ASYNC) {
            if (workload != Workload.GET || (concurrency != null && concurrency != 256)) {
                throw new IllegalArgumentException("--compare with --threads-kind async runs the harness's "
                        + "async-256 workload: --workload get with 256 requests outstanding");
            }
            return "async-256";
        }
        int threads = workload == Workload.GET ? (concurrency != null && concurrency == 1 ? 1 : 64) : 4;
        String name = switch (workload) {
            case GET -> "get-" + threads + "t";
            case SET, LARGE -> "set-100k-4t";
            case MIXED -> "mixed-4t";
            case MULTIGET -> "multiget-100";
        };
        if (concurrency != null && concurrency != threads) {
            throw new IllegalArgumentException("--compare runs the harness's standard workload " + name + " (" + threads
                    + " threads); --concurrency " + concurrency + " is not one of its settings");
        }
        return name;
    }

    /**
     * @param known every client the harness knows, memcached2's first
     * @param peers the clients to compare with, as given to --compare
     * @return memcached2 followed by the peers
     * @throws IllegalArgumentException naming the known clients when one is unknown
     */
    static List<String> clients(List<String> known, List<String> peers) {
        List<String> clients = new ArrayList<>(List.of(SUBJECT));
        for (String peer : peers) {
            String name = peer.trim().toLowerCase(Locale.ROOT);
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown client '" + peer + "' for --compare (known: "
                        + known.stream().filter(n -> !n.equals(SUBJECT)).collect(Collectors.joining(", ")) + ")");
            }
            if (!clients.contains(name)) {
                clients.add(name);
            }
        }
        return clients;
    }

    /**
     * Loads the harness from the benchmark module's jar.
     *
     * @param benchJar the --bench-jar option, or null
     * @param env the environment
     * @return the harness's entry class
     */
    static Class<?> harness(Path benchJar, Function<String, String> env) {
        return BenchJar.load(benchJar, env);
    }

    /**
     * @param harness the harness's entry class
     * @return every client the harness knows, memcached2's first
     * @throws InterruptedException never in practice: the call only lists names
     */
    @SuppressWarnings("unchecked")
    static List<String> known(Class<?> harness) throws InterruptedException {
        return (List<String>) BenchJar.call(harness, "clients", new Class<?>[0]);
    }

    /**
     * Runs the comparison and prints the harness's report, then memcached2's throughput ratio to each peer.
     *
     * @param harness the harness's entry class
     * @param servers the servers, or empty for the harness's throwaway local memcached
     * @param clients memcached2 and the peers
     * @param workload a standard workload name
     * @param rounds rounds per client
     * @param warmup warm-up per client and round
     * @param duration measured time per client and round
     * @param keys distinct keys, or null for the harness's default
     * @param json print the harness's JSON report instead of Markdown
     * @param out where the report goes
     * @param progress where the harness prints a line per round
     * @throws InterruptedException when the calling thread is interrupted
     */
    static void run(
            Class<?> harness,
            List<ServerAddress> servers,
            List<String> clients,
            String workload,
            int rounds,
            Duration warmup,
            Duration duration,
            Integer keys,
            boolean json,
            PrintStream out,
            PrintStream progress)
            throws InterruptedException {
        BenchJar.call(
                harness,
                "run",
                new Class<?>[] {
                    List.class,
                    List.class,
                    String.class,
                    int.class,
                    Duration.class,
                    Duration.class,
                    Integer.class,
                    boolean.class,
                    PrintStream.class,
                    PrintStream.class
                },
                servers.stream().map(ServerAddress::toString).toList(),
                clients,
                workload,
                rounds,
                warmup,
                duration,
                keys,
                json,
                out,
                progress);
    }
}
