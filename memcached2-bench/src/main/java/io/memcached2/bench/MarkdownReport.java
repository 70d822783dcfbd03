package io.memcached2.bench;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Renders a report as Markdown: a header saying how it was run, then one table per workload. */
public final class MarkdownReport {
    private MarkdownReport() {
    }

    /**
     * @param report the report
     * @return the Markdown text
     */
    public static String render(BenchmarkReport report) {
        StringBuilder out = new StringBuilder();
        BenchmarkConfig c = report.config();
        Environment env = report.environment();
        out.append("# memcached2 side-by-side load benchmark\n\n");
        out.append("- servers: ").append(env.servers()).append(" (").append(env.serverNote()).append(")\n");
        out.append("- benchmark JVM allowed on CPUs ").append(env.clientCpus()).append("; Java ").append(env.java())
                .append(", ").append(env.availableProcessors()).append(" processors visible\n");
        out.append("- ").append(c.rounds()).append(" rounds; per client and round: fresh connection, keys stored, ")
                .append(seconds(c.warmup().toMillis())).append(" warm-up, ").append(seconds(c.duration().toMillis()))
                .append(" measured; client order rotated each round\n");
        out.append("- peers speak the ASCII text protocol (their -binary variants the binary one); memcached2 its "
                + "default (meta on memcached 1.6+), memcached2-text the text protocol, memcached2-binary the binary "
                + "one; all store raw byte[] values, "
                + "flags 0, no compression\n");
        out.append("- figures are medians over rounds, each metric on its own; latency in microseconds; CPU and "
                + "allocation are the whole JVM's per successful operation\n");
        for (WorkloadSummary w : report.workloads()) {
            appendWorkload(out, w);
        }
        return out.toString();
    }

    private static void appendWorkload(StringBuilder out, WorkloadSummary w) {
        out.append("\n## ").append(w.workload()).append("\n\n").append(w.description()).append("\n\n");
        out.append("| client | ops/s |").append(w.reportsItems() ? " keys/s |" : "")
                .append(" p50 | p99 | p99.9 | max | CPU µs/op | bytes/op | misses | errors |\n");
        out.append("|---|---:|").append(w.reportsItems() ? "---:|" : "")
                .append("---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (ClientSummary s : w.clients()) {
            out.append("| ").append(s.client()).append(w.emulatedAsync().contains(s.client()) ? " ¹" : "")
                    .append(" | ").append(count(s.operationsPerSecond())).append(" |");
            if (w.reportsItems()) {
                out.append(' ').append(count(s.itemsPerSecond())).append(" |");
            }
            out.append(' ').append(micros(s.p50Micros())).append(" | ").append(micros(s.p99Micros()))
                    .append(" | ").append(micros(s.p999Micros())).append(" | ").append(micros(s.maxMicros()))
                    .append(" | ").append(micros(s.cpuMicrosPerOperation())).append(" | ")
                    .append(count(s.bytesPerOperation())).append(" | ").append(s.misses()).append(" | ")
                    .append(errors(s.errors())).append(" |\n");
        }
        if (!w.emulatedAsync().isEmpty()) {
            out.append("\n¹ no asynchronous get in this client: emulated by running its blocking get on a thread "
                    + "pool; not comparable.\n");
        }
        w.throughputRatio().ifPresent(ratio -> out.append("\nmemcached2 / best peer (")
                .append(w.bestPeer().orElseThrow().client()).append("): ")
                .append(String.format(Locale.ROOT, "%.2f", ratio)).append("× ops/s\n"));
    }

    private static String errors(Map<String, Long> errors) {
        return errors.isEmpty() ? "" : errors.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private static String count(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    private static String micros(double value) {
        return String.format(Locale.ROOT, value < 100 ? "%.1f" : "%,.0f", value);
    }

    private static String seconds(long millis) {
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
