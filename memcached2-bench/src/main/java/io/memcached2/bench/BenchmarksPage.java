package io.memcached2.bench;

import java.util.Locale;

/**
 * One run's section of docs/BENCHMARKS.md (scripts/benchmarks.sh puts the Java 17 and Java 25 sections under one
 * header): how it ran, a summary table of memcached2 against the best peer and the C reference with issue 15's goal
 * per workload, then every client's table per workload.
 */
public final class BenchmarksPage {
    private BenchmarksPage() {}

    /**
     * @param report the run's report
     * @return the Markdown section, starting with a level-2 heading naming the Java version
     */
    public static String section(BenchmarkReport report) {
        Environment env = report.environment();
        BenchmarkConfig c = report.config();
        StringBuilder out = new StringBuilder();
        out.append("## Java ").append(env.java()).append("\n\n");
        out.append("- servers: ")
                .append(env.servers())
                .append(" (")
                .append(env.serverNote())
                .append(")\n");
        out.append("- benchmark JVM allowed on CPUs ")
                .append(env.clientCpus())
                .append(", ")
                .append(env.availableProcessors())
                .append(" processors visible\n");
        out.append("- ")
                .append(c.rounds())
                .append(" rounds; per client and round: fresh connection, keys stored, ")
                .append(c.warmup().toMillis())
                .append(" ms warm-up, ")
                .append(c.duration().toMillis())
                .append(" ms measured; client order rotated each round\n");
        MarkdownReport.appendNotes(out, env);
        out.append("\n| workload | memcached2 ops/s | keys/s | CPU µs/op | bytes/op | beyond value | best peer | "
                + "ops/s | ratio | C ping-pong ops/s | ratio to C | goal (issue 15) | goal met |\n");
        out.append("|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---|---|\n");
        for (WorkloadSummary w : report.workloads()) {
            out.append("| ").append(w.workload()).append(" | ");
            if (w.skipped()) {
                out.append(w.notRun().values().stream().findFirst().orElse("skipped"))
                        .append(" | | | | | | | | | | | |\n");
                continue;
            }
            ClientSummary s = w.subject().orElse(null);
            out.append(s == null ? "—" : MarkdownReport.count(s.operationsPerSecond()))
                    .append(" | ")
                    .append(s == null || !w.reportsItems() ? "—" : MarkdownReport.count(s.itemsPerSecond()))
                    .append(" | ")
                    .append(s == null ? "—" : MarkdownReport.micros(s.cpuMicrosPerOperation()))
                    .append(" | ")
                    .append(s == null ? "—" : MarkdownReport.count(s.bytesPerOperation()))
                    .append(" | ")
                    .append(s == null ? "—" : MarkdownReport.count(s.beyondValueBytesPerOperation()))
                    .append(" | ")
                    .append(w.bestPeer().map(ClientSummary::client).orElse("—"))
                    .append(" | ")
                    .append(w.bestPeer()
                            .map(p -> MarkdownReport.count(p.operationsPerSecond()))
                            .orElse("—"))
                    .append(" | ")
                    .append(w.throughputRatio().map(BenchmarksPage::ratio).orElse("—"))
                    .append(" | ")
                    .append(w.reference()
                            .map(r -> MarkdownReport.count(r.operationsPerSecond()))
                            .orElse(w.notRun().containsKey(Clients.REFERENCE) ? "n/a" : "—"))
                    .append(" | ")
                    .append(w.referenceRatio().map(BenchmarksPage::ratio).orElse("—"))
                    .append(" | ")
                    .append(Goal.of(w.workload()).map(Goal::describe).orElse("—"))
                    .append(" | ")
                    .append(Goal.of(w.workload()).map(g -> g.verdict(w)).orElse("—"))
                    .append(" |\n");
        }
        for (WorkloadSummary w : report.workloads()) {
            MarkdownReport.appendWorkload(out, w, "###");
        }
        return out.toString();
    }

    private static String ratio(double value) {
        return String.format(Locale.ROOT, "%.2f×", value);
    }
}
