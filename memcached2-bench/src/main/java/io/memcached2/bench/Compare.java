package io.memcached2.bench;

import io.memcached2.ServerAddress;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The entry {@code mc bench --compare} calls, by reflection, in this module's jar loaded at run time (so the command
 * line ships no peer client): every parameter and result is a JDK type.
 */
public final class Compare {
    private Compare() {}

    /** @return every client name the harness knows, memcached2's first */
    public static List<String> clients() {
        return Clients.names();
    }

    /**
     * Runs one standard workload through the clients and prints the harness's report, then memcached2's throughput
     * ratio to each peer.
     *
     * @param servers server URIs or host:port, or empty for a throwaway local memcached
     * @param clients memcached2 and the peers
     * @param workload a standard workload name
     * @param rounds rounds per client
     * @param warmup warm-up per client and round
     * @param duration measured time per client and round
     * @param keys distinct keys, or null for the harness's default
     * @param json print the JSON report instead of Markdown
     * @param out where the report goes
     * @param progress where a line per round goes
     * @throws InterruptedException when the calling thread is interrupted
     */
    public static void run(
            List<String> servers,
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
        BenchmarkConfig config = new BenchmarkConfig(
                servers.stream().map(ServerAddress::parse).toList(),
                clients,
                List.of(workload),
                rounds,
                warmup,
                duration,
                keys != null ? keys : Workloads.DEFAULT_KEYS,
                BenchmarkConfig.DEFAULT_SERVER_THREADS,
                Optional.empty());
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
        return w.clients().stream()
                .filter(c -> !Clients.isSubject(c.client()))
                .map(c -> c.client() + " "
                        + (c.operationsPerSecond() == 0
                                ? "n/a (no work done)"
                                : String.format(
                                        Locale.ROOT,
                                        "%.2fx",
                                        subject.get().operationsPerSecond() / c.operationsPerSecond())))
                .collect(Collectors.joining(", "));
    }
}
