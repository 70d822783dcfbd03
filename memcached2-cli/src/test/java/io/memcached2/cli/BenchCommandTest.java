package io.memcached2.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcached2.cli.support.ExitCodes;
import io.memcached2.cli.support.LiveScreen;
import io.memcached2.testkit.MemcachedExtension;
import io.memcached2.testkit.MemcachedServer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** mc bench, in-process: with a throwaway local server, against a given one, and its refusals. */
@ExtendWith(MemcachedExtension.class)
class BenchCommandTest {

    @Test
    void withoutServersItStartsALocalMemcachedAndPrintsTheTable() {
        McRun run = McRun.run(new byte[0], Map.of(), "bench", "--duration", "2s", "--warmup", "1s");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err())
                .contains("no --servers given: started a throwaway memcached at memcached://127.0.0.1:")
                .containsPattern("(?m)^warm-up +1\\.0s")
                .containsPattern("(?m)^measure +1\\.0s");
        assertThat(run.out())
                .contains("p50 us", "p90 us", "p99 us", "p99.9 us", "max us", "errors")
                .containsPattern("(?m)^memcached2 +[\\d,]+ +[\\d,]+ ")
                .contains("errors:   none");
    }

    @Test
    void asyncMultigetAgainstAGivenServerAsJson(MemcachedServer server) {
        McRun run = McRun.against(
                server,
                "bench",
                "--workload",
                "multiget",
                "--threads-kind",
                "async",
                "--concurrency",
                "8",
                "--keys",
                "500",
                "--duration",
                "1s",
                "--warmup",
                "0s",
                "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .startsWith("{\"workload\":\"multiget\",\"concurrency_kind\":\"async\"")
                .contains("\"latency_us\":{\"p50\":", "\"p99.9\":", "\"errors\":{}");
    }

    @Test
    void virtualThreadsRunOnlyWhereTheRuntimeHasThem(MemcachedServer server) {
        McRun run = McRun.against(
                server,
                "bench",
                "--threads-kind",
                "virtual",
                "--workload",
                "get",
                "--keys",
                "100",
                "--duration",
                "1s",
                "--warmup",
                "0s");

        if (Runtime.version().feature() >= 21) {
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("virtual threads");
        } else {
            assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(run.err())
                    .isEqualTo("mc bench: --threads-kind virtual needs Java 21 or later; this is Java "
                            + Runtime.version() + " (use platform or async)\n");
        }
    }

    @Test
    void compareRunsThePeersThroughTheBenchHarnessAndPrintsRatios(MemcachedServer server) {
        McRun run = McRun.against(
                server,
                "bench",
                "--compare",
                "spymemcached",
                "--workload",
                "get",
                "--concurrency",
                "1",
                "--rounds",
                "1",
                "--keys",
                "200",
                "--duration",
                "1s",
                "--warmup",
                "0s");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err())
                .contains("comparing memcached2, spymemcached on get-1t")
                .containsPattern("get-1t +round 1 +memcached2")
                .containsPattern("get-1t +round 1 +spymemcached");
        assertThat(run.out())
                .contains("| memcached2 |", "| spymemcached |")
                .containsPattern("ratios, get-1t \\(memcached2 ops/s / peer ops/s\\): spymemcached \\d+\\.\\d\\dx");
    }

    @Test
    void compareRefusesWhatTheHarnessCannotRun(MemcachedServer server) {
        McRun unknown = McRun.against(server, "bench", "--compare", "memcachier");
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err())
                .isEqualTo("mc bench: unknown client 'memcachier' for --compare (known: "
                        + "memcached2-text, memcached2-listener, memcached2-binary, spymemcached, spymemcached-binary, xmemcached,"
                        + " xmemcached-binary, folsom, c-pingpong)\n");
        McRun custom = McRun.against(server, "bench", "--compare", "folsom", "--value-size", "4k");
        assertThat(custom.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(custom.err()).hasLineCount(1).contains("standard workloads");
    }

    @Test
    void compareNamesTheBenchJarAndHowToBuildItWhenItIsAbsent(MemcachedServer server) {
        McRun run = McRun.against(
                server,
                "bench",
                "--compare",
                "spymemcached",
                "--workload",
                "get",
                "--bench-jar",
                "/nonexistent/benchmarks.jar");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err())
                .hasLineCount(1)
                .contains(
                        "/nonexistent/benchmarks.jar does not exist",
                        "./mvnw -pl memcached2-bench -am package -DskipTests",
                        "--bench-jar",
                        "MC_BENCH_JAR");

        McRun fromEnv = McRun.run(
                new byte[0],
                Map.of("MC_BENCH_JAR", "/elsewhere/b.jar"),
                "--servers",
                server.uri(),
                "bench",
                "--compare",
                "folsom",
                "--workload",
                "get");
        assertThat(fromEnv.err()).contains("/elsewhere/b.jar does not exist");
    }

    @Test
    void onATerminalTheLatencyPercentilesRedrawLiveInPlace(MemcachedServer server) {
        McRun run = McRun.run(
                true,
                new byte[0],
                Map.of(),
                "--servers",
                server.uri(),
                "--timeout",
                "5s",
                "--connect-timeout",
                "5s",
                "bench",
                "--workload",
                "get",
                "--keys",
                "100",
                "--duration",
                "2s",
                "--warmup",
                "0s",
                "--interval",
                "200ms");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err())
                .contains(LiveScreen.HIDE_CURSOR, LiveScreen.SHOW_CURSOR, LiveScreen.CLEAR_LINE)
                .containsPattern("\r\033\\[3A")
                .containsPattern(
                        "last +latency us: +p50 +[\\d,.]+ +p90 +[\\d,.]+ +p99 +[\\d,.]+ +p99\\.9 +[\\d,.]+" + " +max")
                .contains("total latency us:");
        assertThat(run.out()).containsPattern("(?m)^memcached2 +[\\d,]+ +[\\d,]+ ");
    }
}
