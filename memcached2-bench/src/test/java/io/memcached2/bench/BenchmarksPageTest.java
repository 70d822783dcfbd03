package io.memcached2.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The page section and the goal verdicts, from given results. */
class BenchmarksPageTest {

    private static RoundResult round(
            String workload, String client, long ops, long items, long allocated, long valueBytes) {
        return new RoundResult(
                workload,
                client,
                1,
                1_000_000_000L,
                ops,
                items,
                0,
                10,
                20,
                30,
                40,
                new ResourceUsage(ops * 5_000, allocated),
                valueBytes,
                Map.of());
    }

    private static WorkloadSummary summary(String name, List<RoundResult> rounds, Map<String, String> notRun) {
        Workload workload = Workloads.standard(10).get(name);
        List<String> clients =
                rounds.stream().map(RoundResult::client).distinct().toList();
        return WorkloadSummary.of(workload, clients, rounds, List.of(), notRun);
    }

    private static BenchmarkReport report(List<WorkloadSummary> workloads) {
        BenchmarkConfig config = new BenchmarkConfig(
                List.of(),
                Clients.defaults(),
                Workloads.names(),
                3,
                Duration.ofSeconds(5),
                Duration.ofSeconds(10),
                10_000,
                1,
                Optional.empty());
        Environment env = new Environment("127.0.0.1:1", "local", "1", "17.0.15", 1, "sum over live threads");
        return new BenchmarkReport(config, env, workloads);
    }

    @Test
    void get1tComparesWithTheBestPeerAndTheCReferenceAndJudgesTheGoal() {
        WorkloadSummary get = summary(
                "get-1t",
                List.of(
                        round("get-1t", "memcached2", 30_000, 30_000, 30_000L * 248, 30_000L * 48),
                        round("get-1t", "folsom", 20_000, 20_000, 20_000L * 1000, 20_000L * 48),
                        round("get-1t", "spymemcached", 10_000, 10_000, 10_000L * 2000, 10_000L * 48),
                        new CPingPong.Run(25_000, 1_000_000_000L, 25_000L * 5_000).toRound("get-1t", 1)),
                Map.of());

        assertThat(get.throughputRatio()).contains(1.5);
        assertThat(get.referenceRatio()).contains(1.2);
        assertThat(get.subject().orElseThrow().beyondValueBytesPerOperation()).isEqualTo(200);
        assertThat(Goal.of("get-1t").orElseThrow().verdict(get)).isEqualTo("met");

        String page = BenchmarksPage.section(report(List.of(get)));

        assertThat(page)
                .startsWith("## Java 17.0.15")
                .contains("| get-1t | 30,000 | — | 5.0 | 248 | 200 | folsom | 20,000 | 1.50× | 25,000 | 1.20× | "
                        + "≥ 1.5× best peer, ≥ 0.9× C ping-pong, ≤ 200 B/op beyond value | met |")
                .contains("### get-1t")
                .contains("| c-pingpong | 25,000 | — | — | — | — | 5.0 | — | — | 0 |")
                .contains("memcached2 / best peer (folsom): 1.50× ops/s; memcached2 / C ping-pong: 1.20×");
    }

    @Test
    void missedBoundsAreNamedAndInapplicableOrSkippedWorkloadsSaySo() {
        WorkloadSummary multiget = summary(
                "multiget-100-4t",
                List.of(
                        round("multiget-100-4t", "memcached2", 5_000, 500_000, 0, 0),
                        round("multiget-100-4t", "xmemcached", 4_000, 400_000, 0, 0)),
                Map.of(Clients.REFERENCE, "not applicable: get-1t only"));
        WorkloadSummary virtual = WorkloadSummary.of(
                Workloads.standard(10).get("get-1000vt"),
                List.of(),
                List.of(),
                List.of(),
                Map.of("memcached2", "skipped: virtual threads need Java 21 or later"));

        assertThat(Goal.of("multiget-100-4t").orElseThrow().verdict(multiget))
                .isEqualTo("not met: 1.25× best peer < 1.5, 500,000 keys/s < 1,000,000");

        String page = BenchmarksPage.section(report(List.of(multiget, virtual)));

        assertThat(page)
                .contains("| multiget-100-4t | 5,000 | 500,000 |")
                .contains("| n/a | — |")
                .contains("| c-pingpong | not applicable: get-1t only |")
                .contains("| get-1000vt | skipped: virtual threads need Java 21 or later |");
    }
}
