package io.memcached2.bench;

import java.util.Locale;
import java.util.stream.Collectors;

/** Renders every measured round as one CSV row, for analysis elsewhere. */
public final class CsvReport {
    private static final String HEADER = "workload,client,round,elapsed_ns,ops,keys,misses,ops_per_s,keys_per_s,"
            + "p50_us,p99_us,p999_us,max_us,cpu_us_per_op,bytes_per_op,"
            + "beyond_value_bytes_per_op,errors";

    private static final String ROW = "%s,%s,%d,%d,%d,%d,%d,%.1f,%.1f,%.1f,%.1f,%.1f,%.1f,%.3f,%.1f,%.1f,%s%n";

    private CsvReport() {}

    /**
     * @param report the report
     * @return the CSV text, with a header row
     */
    public static String render(BenchmarkReport report) {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        for (WorkloadSummary w : report.workloads()) {
            for (RoundResult r : w.rounds()) {
                out.append(String.format(
                        Locale.ROOT,
                        ROW,
                        r.workload(),
                        r.client(),
                        r.round(),
                        r.elapsedNanos(),
                        r.operations(),
                        r.items(),
                        r.misses(),
                        r.operationsPerSecond(),
                        r.itemsPerSecond(),
                        r.p50Micros(),
                        r.p99Micros(),
                        r.p999Micros(),
                        r.maxMicros(),
                        r.cpuMicrosPerOperation(),
                        r.bytesPerOperation(),
                        r.beyondValueBytesPerOperation(),
                        r.errors().entrySet().stream()
                                .map(e -> e.getKey() + "=" + e.getValue())
                                .collect(Collectors.joining(";"))));
            }
        }
        return out.toString();
    }
}
