package io.memcached2.cli.bench;

import io.memcached2.cli.support.Json;
import io.memcached2.cli.support.Table;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The end-of-run report of {@code mc bench}: throughput, latency percentiles and errors by type. */
final class BenchReport {
    private static final double[] PERCENTILES = {50, 90, 99, 99.9};

    private BenchReport() {}

    /**
     * @param out where to print
     * @param spec what ran
     * @param target the servers, and whether they were started for the run
     * @param result the measured phase
     */
    static void printText(PrintStream out, BenchSpec spec, String target, BenchResult result) {
        out.println("mc bench: " + spec.describe());
        out.println("servers:  " + target);
        out.println();
        boolean multi = spec.workload() == Workload.MULTIGET;
        List<String> header = new ArrayList<>(List.of("client", "requests", "req/s"));
        if (multi) {
            header.add("keys/s");
        }
        header.addAll(List.of("p50 us", "p90 us", "p99 us", "p99.9 us", "max us", "errors"));
        Table table = new Table(header.toArray(new String[0]));
        List<Object> row = new ArrayList<>(
                List.of(result.client(), count(result.requests()), count(Math.round(result.requestsPerSecond()))));
        if (multi) {
            row.add(count(Math.round(result.keysPerSecond())));
        }
        for (double p : PERCENTILES) {
            row.add(micros(result.micros(p)));
        }
        row.add(micros(result.maxMicros()));
        row.add(count(result.errorCount()));
        table.row(row.toArray());
        table.print(out, 0);
        out.println();
        out.println("errors:   "
                + (result.errors().isEmpty()
                        ? "none"
                        : result.errors().entrySet().stream()
                                .map(e -> e.getKey() + " " + count(e.getValue()))
                                .collect(Collectors.joining(", "))));
        if (!result.firstErrors().isEmpty()) {
            out.println("first:    " + result.firstErrors().get(0));
        }
        out.println("misses:   " + count(result.misses()));
    }

    /** @return the report as one JSON object */
    static String json(BenchSpec spec, String target, BenchResult result) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("workload", spec.workload().name().toLowerCase(Locale.ROOT));
        doc.put("concurrency_kind", spec.kind().name().toLowerCase(Locale.ROOT));
        doc.put("concurrency", spec.concurrency());
        doc.put("duration_ms", spec.duration().toMillis());
        doc.put("warmup_ms", spec.warmup().toMillis());
        doc.put("keys", spec.keys());
        doc.put("value_size", spec.valueSize());
        doc.put("servers", target);
        doc.put("client", result.client());
        doc.put("requests", result.requests());
        doc.put("requests_per_second", result.requestsPerSecond());
        doc.put("keys_per_second", result.keysPerSecond());
        Map<String, Object> latency = new LinkedHashMap<>();
        for (double p : PERCENTILES) {
            latency.put("p" + (p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p)), result.micros(p));
        }
        latency.put("max", result.maxMicros());
        doc.put("latency_us", latency);
        doc.put("errors", new LinkedHashMap<>(result.errors()));
        doc.put("first_errors", result.firstErrors());
        doc.put("misses", result.misses());
        return Json.render(doc);
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String micros(double us) {
        return String.format(Locale.ROOT, "%,.1f", us);
    }
}
