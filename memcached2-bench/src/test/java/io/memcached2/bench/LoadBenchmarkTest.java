package io.memcached2.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every client through every workload, briefly, against a local memcached: checks the harness, not speed. */
class LoadBenchmarkTest {

    @Test
    void everyClientRunsEveryWorkloadAndTheReportsComeOut(@TempDir Path dir) throws Exception {
        BenchmarkConfig config = new BenchmarkConfig(
                List.of(),
                Clients.names(),
                Workloads.names(),
                1,
                Duration.ofMillis(100),
                Duration.ofMillis(300),
                200,
                1,
                Optional.empty());
        ByteArrayOutputStream progress = new ByteArrayOutputStream();

        BenchmarkReport report = LoadBenchmark.run(config, new PrintStream(progress, true, StandardCharsets.UTF_8));

        assertThat(report.workloads())
                .extracting(WorkloadSummary::workload)
                .containsExactlyElementsOf(Workloads.names());
        boolean virtualThreads = Runtime.version().feature() >= 21;
        for (WorkloadSummary w : report.workloads()) {
            if (w.workload().equals("get-1000vt") && !virtualThreads) {
                assertThat(w.skipped()).isTrue();
                assertThat(w.notRun())
                        .containsKeys(Clients.SUBJECT)
                        .allSatisfy((client, why) -> assertThat(why).contains("Java 21"));
                assertThat(progress.toString(StandardCharsets.UTF_8))
                        .contains("get-1000vt: skipped, virtual threads need Java 21 or later");
                continue;
            }
            List<String> ran = w.clients().stream().map(ClientSummary::client).toList();
            if (w.workload().equals("get-1t")) {
                assertThat(ran).containsExactlyElementsOf(Clients.names());
                assertThat(w.referenceRatio()).isPresent();
            } else {
                assertThat(ran)
                        .containsExactlyElementsOf(Clients.names().stream()
                                .filter(c -> !Clients.isReference(c))
                                .toList());
                assertThat(w.notRun().get(Clients.REFERENCE)).startsWith("not applicable");
            }
            for (ClientSummary c : w.clients()) {
                assertThat(c.operationsPerSecond())
                        .as(w.workload() + " " + c.client())
                        .isPositive();
                assertThat(c.errors()).as(w.workload() + " " + c.client()).isEmpty();
                assertThat(c.misses()).as(w.workload() + " " + c.client()).isZero();
            }
            assertThat(w.throughputRatio()).isPresent();
            assertThat(w.subject().orElseThrow().beyondValueBytesPerOperation())
                    .isLessThanOrEqualTo(w.subject().orElseThrow().bytesPerOperation());
        }
        assertThat(report.workloads().get(3).emulatedAsync()).containsExactly("xmemcached", "xmemcached-binary");

        String markdown = MarkdownReport.render(report);
        Workloads.names().forEach(name -> assertThat(markdown).contains("## " + name));
        assertThat(markdown).contains("memcached2 / best peer");

        Path csv = dir.resolve("r.csv");
        LoadBenchmark.write(report, csv);
        long measured =
                report.workloads().stream().mapToLong(w -> w.rounds().size()).sum();
        assertThat(Files.readAllLines(csv)).hasSize(1 + (int) measured);
        Path json = dir.resolve("r.json");
        LoadBenchmark.write(report, json);
        assertThat(Files.readString(json)).startsWith("{").contains("\"ratioToBestPeer\"");
    }
}
