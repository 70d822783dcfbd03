package io.memcached2.cli.bench;

import io.memcached2.ServerAddress;
import io.memcached2.bench.BenchmarkConfig;
import io.memcached2.bench.BenchmarkReport;
import io.memcached2.bench.ClientSummary;
import io.memcached2.bench.Clients;
import io.memcached2.bench.JsonReport;
import io.memcached2.bench.LoadBenchmark;
import io.memcached2.bench.MarkdownReport;
import io.memcached2.bench.WorkloadSummary;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code mc bench --compare}: memcached2 and the named peers through the benchmark module's harness, in rounds
 * whose client order rotates, so every client sees the same server, keys and values within one run. The harness
 * runs its standard workloads; the one matching --workload and --threads-kind is chosen here.
 */
final class CompareBench {
    private CompareBench() {
    }

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
            throw new IllegalArgumentException("--compare runs the harness's standard workload " + name + " ("
                    + threads + " threads); --concurrency " + concurrency + " is not one of its settings");
        }
        return name;
    }

    /**
     * @param peers the clients to compare with, as given to --compare
     * @return memcached2 followed by the peers
     * @throws IllegalArgumentException naming the known clients when one is unknown
     */
    static List<String> clients(List<String> peers) {
        List<String> clients = new ArrayList<>(List.of(Clients.SUBJECT));
        for (String peer : peers) {
            String name = peer.trim().toLowerCase(Locale.ROOT);
            if (!Clients.names().contains(name)) {
                throw new IllegalArgumentException("unknown client '" + peer + "' for --compare (known: "
                        + Clients.names().stream().filter(n -> !n.equals(Clients.SUBJECT))
                                .collect(Collectors.joining(", ")) + ")");
            }
            if (!clients.contains(name)) {
                clients.add(name);
            }
        }
        return clients;
    }

    /**
     * Runs the comparison and prints the harness's report, then memcached2's throughput ratio to each peer.
     *
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
    static void run(List<ServerAddress> servers, List<String> clients, String workload, int rounds, Duration warmup,
            Duration duration, Integer keys, boolean json, PrintStream out, PrintStream progress)
            throws InterruptedException {
        BenchmarkConfig config = new BenchmarkConfig(servers, clients, List.of(workload), rounds, warmup, duration,
                keys != null ? keys : io.memcached2.bench.Workloads.DEFAULT_KEYS,
                BenchmarkConfig.DEFAULT_SERVER_THREADS, Optional.empty());
        BenchmarkReport report = LoadBenchmark.run(config, progress);
        if (json) {
            out.println(JsonReport.render(report));
            return;
        }
        out.print(MarkdownReport.render(report));
        out.println();
        for (WorkloadSummary w : report.workloads()) {
            out.println("ratios, " + w.workload() + " (memcached2 ops/s / peer ops/s): " + ratios(w));
        }
    }

    private static String ratios(WorkloadSummary w) {
        Optional<ClientSummary> subject = w.subject();
        if (subject.isEmpty() || subject.get().operationsPerSecond() == 0) {
            return "memcached2 did no work";
        }
        return w.clients().stream().filter(c -> !Clients.isSubject(c.client()))
                .map(c -> c.client() + " " + (c.operationsPerSecond() == 0 ? "n/a (no work done)"
                        : String.format(Locale.ROOT, "%.2fx", subject.get().operationsPerSecond()
                                / c.operationsPerSecond())))
                .collect(Collectors.joining(", "));
    }
}
