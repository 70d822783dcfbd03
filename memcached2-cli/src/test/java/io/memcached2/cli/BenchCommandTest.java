package io.memcached2.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
        assertThat(run.err()).contains("no --servers given: started a throwaway memcached at memcached://127.0.0.1:")
                .containsPattern("(?m)^warm-up +1\\.0s").containsPattern("(?m)^measure +1\\.0s");
        assertThat(run.out()).contains("p50 us", "p90 us", "p99 us", "p99.9 us", "max us", "errors")
                .containsPattern("(?m)^memcached2 +[\\d,]+ +[\\d,]+ ")
                .contains("errors:   none");
    }

    @Test
    void asyncMultigetAgainstAGivenServerAsJson(MemcachedServer server) {
        McRun run = McRun.against(server, "bench", "--workload", "multiget", "--threads-kind", "async",
                "--concurrency", "8", "--keys", "500", "--duration", "1s", "--warmup", "0s", "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("{\"workload\":\"multiget\",\"concurrency_kind\":\"async\"")
                .contains("\"latency_us\":{\"p50\":", "\"p99.9\":", "\"errors\":{}");
    }

    @Test
    void virtualThreadsRunOnlyWhereTheRuntimeHasThem(MemcachedServer server) {
        McRun run = McRun.against(server, "bench", "--threads-kind", "virtual", "--workload", "get",
                "--keys", "100", "--duration", "1s", "--warmup", "0s");

        if (Runtime.version().feature() >= 21) {
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("virtual threads");
        } else {
            assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(run.err()).isEqualTo("mc bench: --threads-kind virtual needs Java 21 or later; this is Java "
                    + Runtime.version() + " (use platform or async)\n");
        }
    }
}
