package io.memcached2.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Renders a report as JSON: the settings, and per workload the summaries and every round's raw figures. */
public final class JsonReport {
    private JsonReport() {}

    /**
     * @param report the report
     * @return the JSON text
     */
    public static String render(BenchmarkReport report) {
        BenchmarkConfig c = report.config();
        Environment env = report.environment();
        return "{\n  \"environment\": {"
                + field("servers", env.servers()) + ", " + field("serverNote", env.serverNote()) + ", "
                + field("clientCpus", env.clientCpus()) + ", " + field("java", env.java()) + ", "
                + "\"availableProcessors\": " + env.availableProcessors() + "},\n"
                + "  \"config\": {\"rounds\": " + c.rounds() + ", \"warmupMillis\": "
                + c.warmup().toMillis()
                + ", \"durationMillis\": " + c.duration().toMillis() + ", \"keys\": " + c.keys() + "},\n"
                + "  \"workloads\": [\n"
                + report.workloads().stream().map(JsonReport::workload).collect(Collectors.joining(",\n"))
                + "\n  ]\n}\n";
    }

    private static String workload(WorkloadSummary w) {
        return "    {" + field("name", w.workload()) + ", " + field("description", w.description())
                + ", \"ratioToBestPeer\": "
                + w.throughputRatio().map(JsonReport::number).orElse("null")
                + ", \"ratioToReference\": "
                + w.referenceRatio().map(JsonReport::number).orElse("null")
                + ", \"emulatedAsync\": " + strings(w.emulatedAsync())
                + ",\n     \"clients\": ["
                + w.clients().stream().map(JsonReport::summary).collect(Collectors.joining(", "))
                + "],\n     \"rounds\": ["
                + w.rounds().stream().map(JsonReport::round).collect(Collectors.joining(", ")) + "]}";
    }

    private static String summary(ClientSummary s) {
        return "{" + field("client", s.client()) + ", \"rounds\": " + s.rounds()
                + ", \"opsPerSecond\": " + number(s.operationsPerSecond())
                + ", \"keysPerSecond\": " + number(s.itemsPerSecond())
                + ", \"p50Micros\": " + number(s.p50Micros()) + ", \"p99Micros\": " + number(s.p99Micros())
                + ", \"p999Micros\": " + number(s.p999Micros()) + ", \"maxMicros\": " + number(s.maxMicros())
                + ", \"cpuMicrosPerOp\": " + number(s.cpuMicrosPerOperation())
                + ", \"bytesPerOp\": " + number(s.bytesPerOperation())
                + ", \"beyondValueBytesPerOp\": " + number(s.beyondValueBytesPerOperation())
                + ", \"misses\": " + s.misses() + ", \"errors\": " + counts(s.errors()) + "}";
    }

    private static String round(RoundResult r) {
        return "{" + field("client", r.client()) + ", \"round\": " + r.round()
                + ", \"elapsedNanos\": " + r.elapsedNanos() + ", \"operations\": " + r.operations()
                + ", \"keys\": " + r.items() + ", \"misses\": " + r.misses()
                + ", \"p50Micros\": " + number(r.p50Micros()) + ", \"p99Micros\": " + number(r.p99Micros())
                + ", \"p999Micros\": " + number(r.p999Micros()) + ", \"maxMicros\": " + number(r.maxMicros())
                + ", \"cpuNanos\": " + r.usage().cpuNanos() + ", \"allocatedBytes\": "
                + r.usage().allocatedBytes()
                + ", \"valueBytesRead\": " + r.valueBytesRead()
                + ", \"errors\": " + counts(r.errors()) + "}";
    }

    private static String counts(Map<String, Long> counts) {
        return counts.entrySet().stream()
                .map(e -> quote(e.getKey()) + ": " + e.getValue())
                .collect(Collectors.joining(", ", "{", "}"));
    }

    private static String strings(List<String> values) {
        return values.stream().map(JsonReport::quote).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String field(String name, String value) {
        return quote(name) + ": " + quote(value);
    }

    private static String number(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.3f", value) : "null";
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char ch : text.toCharArray()) {
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> {
                    if (ch < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
                    } else {
                        out.append(ch);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
