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
        BenchmarkConfig config = new BenchmarkConfig(List.of(), Clients.names(), Workloads.names(), 1,
                Duration.ofMillis(100), Duration.ofMillis(300), 200, 1, Optional.empty());
        ByteArrayOutputStream progress = new ByteArrayOutputStream();

        BenchmarkReport report = LoadBenchmark.run(config, new PrintStream(progress, true, StandardCharsets.UTF_8));

        assertThat(report.workloads()).extracting(WorkloadSummary::workload)
                .containsExactlyElementsOf(Workloads.names());
        for (WorkloadSummary w : report.workloads()) {
            assertThat(w.clients()).extracting(ClientSummary::client).containsExactlyElementsOf(Clients.names());
            for (ClientSummary c : w.clients()) {
                assertThat(c.operationsPerSecond()).as(w.workload() + " " + c.client()).isPositive();
                assertThat(c.errors()).as(w.workload() + " " + c.client()).isEmpty();
                assertThat(c.misses()).as(w.workload() + " " + c.client()).isZero();
            }
            assertThat(w.throughputRatio()).isPresent();
        }
        assertThat(report.workloads().get(2).emulatedAsync()).containsExactly("xmemcached", "xmemcached-binary");

        String markdown = MarkdownReport.render(report);
        Workloads.names().forEach(name -> assertThat(markdown).contains("## " + name));
        assertThat(markdown).contains("memcached2 / best peer");

        Path csv = dir.resolve("r.csv");
        LoadBenchmark.write(report, csv);
        assertThat(Files.readAllLines(csv)).hasSize(1 + Workloads.names().size() * Clients.names().size());
        Path json = dir.resolve("r.json");
        LoadBenchmark.write(report, json);
        assertThat(Files.readString(json)).startsWith("{").contains("\"ratioToBestPeer\"");
    }
}
