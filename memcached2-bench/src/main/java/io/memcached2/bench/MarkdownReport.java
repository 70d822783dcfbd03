package io.memcached2.bench;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Renders a report as Markdown: a header saying how it was run, then one table per workload. */
public final class MarkdownReport {
    private MarkdownReport() {}

    /**
     * @param report the report
     * @return the Markdown text
     */
    public static String render(BenchmarkReport report) {
        StringBuilder out = new StringBuilder();
        BenchmarkConfig c = report.config();
        Environment env = report.environment();
        out.append("# memcached2 side-by-side load benchmark\n\n");
        out.append("- servers: ")
                .append(env.servers())
                .append(" (")
                .append(env.serverNote())
                .append(")\n");
        out.append("- benchmark JVM allowed on CPUs ")
                .append(env.clientCpus())
                .append("; Java ")
                .append(env.java())
                .append(", ")
                .append(env.availableProcessors())
                .append(" processors visible\n");
        out.append("- ")
                .append(c.rounds())
                .append(" rounds; per client and round: fresh connection, keys stored, ")
                .append(seconds(c.warmup().toMillis()))
                .append(" warm-up, ")
                .append(seconds(c.duration().toMillis()))
                .append(" measured; client order rotated each round\n");
        out.append("- peers speak the ASCII text protocol (their -binary variants the binary one); memcached2 its "
                + "default (meta on memcached 1.6+), memcached2-text the text protocol, memcached2-binary the binary "
                + "one; all store raw byte[] values, "
                + "flags 0, no compression\n");
        appendNotes(out, env);
        for (WorkloadSummary w : report.workloads()) {
            appendWorkload(out, w, "##");
        }
        return out.toString();
    }

    /**
     * Appends the notes every report carries on how figures are to be read.
     *
     * @param out where to append
     * @param env where the run was made
     */
    static void appendNotes(StringBuilder out, Environment env) {
        out.append("- figures are medians over rounds, each metric on its own; latency in microseconds; CPU and "
                        + "allocation are the whole JVM's per successful operation (allocation counted as the ")
                .append(env.allocationCounter())
                .append("); \"beyond value\" subtracts the value arrays the reads "
                        + "returned (16-byte header + value, rounded to 8)\n");
        out.append("- ")
                .append(Clients.REFERENCE)
                .append(": the C reference (src/main/c/pingpong.c, built with gcc "
                        + "by the harness at run time), strict ping-pong gets of one key on one connection, in its own "
                        + "process on the benchmark's CPUs; CPU is that process's; it records no latencies or "
                        + "allocation\n");
    }

    /**
     * Appends one workload's table of every client.
     *
     * @param out where to append
     * @param w the workload's results
     * @param heading the Markdown heading mark for the workload's title, such as {@code ##}
     */
    static void appendWorkload(StringBuilder out, WorkloadSummary w, String heading) {
        out.append("\n")
                .append(heading)
                .append(' ')
                .append(w.workload())
                .append("\n\n")
                .append(w.description())
                .append("\n\n");
        if (w.skipped()) {
            out.append(w.notRun().values().stream().findFirst().orElse("skipped"))
                    .append("\n");
            return;
        }
        out.append("| client | ops/s |")
                .append(w.reportsItems() ? " keys/s |" : "")
                .append(" p50 | p99 | p99.9 | max | CPU µs/op | bytes/op | beyond value | misses | errors |\n");
        out.append("|---|---:|")
                .append(w.reportsItems() ? "---:|" : "")
                .append("---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (ClientSummary s : w.clients()) {
            out.append("| ")
                    .append(s.client())
                    .append(w.emulatedAsync().contains(s.client()) ? " ¹" : "")
                    .append(" | ")
                    .append(count(s.operationsPerSecond()))
                    .append(" |");
            if (w.reportsItems()) {
                out.append(' ').append(count(s.itemsPerSecond())).append(" |");
            }
            out.append(' ')
                    .append(micros(s.p50Micros()))
                    .append(" | ")
                    .append(micros(s.p99Micros()))
                    .append(" | ")
                    .append(micros(s.p999Micros()))
                    .append(" | ")
                    .append(micros(s.maxMicros()))
                    .append(" | ")
                    .append(micros(s.cpuMicrosPerOperation()))
                    .append(" | ")
                    .append(count(s.bytesPerOperation()))
                    .append(" | ")
                    .append(count(s.beyondValueBytesPerOperation()))
                    .append(" | ")
                    .append(s.misses())
                    .append(" | ")
                    .append(errors(s.errors()))
                    .append(" |\n");
        }
        w.notRun()
                .forEach((client, why) -> out.append("| ")
                        .append(client)
                        .append(" | ")
                        .append(why)
                        .append(" |\n"));
        if (!w.emulatedAsync().isEmpty()) {
            out.append("\n¹ no asynchronous get in this client: emulated by running its blocking get on a thread "
                    + "pool; not comparable.\n");
        }
        w.throughputRatio()
                .ifPresent(ratio -> out.append("\nmemcached2 / best peer (")
                        .append(w.bestPeer().orElseThrow().client())
                        .append("): ")
                        .append(String.format(Locale.ROOT, "%.2f", ratio))
                        .append("× ops/s")
                        .append(w.referenceRatio()
                                .map(r -> String.format(Locale.ROOT, "; memcached2 / C ping-pong: %.2f×", r))
                                .orElse(""))
                        .append("\n"));
    }

    private static String errors(Map<String, Long> errors) {
        return errors.isEmpty()
                ? ""
                : errors.entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue())
                        .collect(Collectors.joining(", "));
    }

    /**
     * @param value a count or rate
     * @return it with thousands separators and no decimals, or a dash when there is no figure
     */
    static String count(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%,.0f", value) : "—";
    }

    /**
     * @param value microseconds
     * @return one decimal under 100, none above, or a dash when there is no figure
     */
    static String micros(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, value < 100 ? "%.1f" : "%,.0f", value) : "—";
    }

    private static String seconds(long millis) {
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
