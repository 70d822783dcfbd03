package io.memcached2.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.memcached2.ServerAddress;
import io.memcached2.testkit.MemcachedServer;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The C reference client, built with gcc and run against a real memcached. */
class CPingPongTest {

    private static boolean gccPresent() {
        try {
            return new ProcessBuilder("gcc", "--version").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @Test
    void buildsAndCountsGetsAgainstARealServer() throws Exception {
        assumeTrue(gccPresent(), "gcc is not installed");
        CPingPong client = CPingPong.build();
        try (MemcachedServer server = MemcachedServer.builder().start()) {
            CPingPong.Run run = client.run(
                    ServerAddress.parse(server.host() + ":" + server.port()),
                    Duration.ofMillis(300),
                    Workloads.SMALL_VALUE);

            assertThat(run.operations()).isPositive();
            assertThat(run.elapsedNanos())
                    .isGreaterThanOrEqualTo(Duration.ofMillis(300).toNanos());
            RoundResult round = run.toRound("get-1t", 2);
            assertThat(round.client()).isEqualTo(Clients.REFERENCE);
            assertThat(round.operationsPerSecond()).isPositive();
            assertThat(round.bytesPerOperation()).isNaN();
        }
    }

    @Test
    void unexpectedOutputIsAnError() throws Exception {
        assertThat(CPingPong.Run.parse("ops=512 seconds=1.500 cpu_seconds=0.250\n"))
                .isEqualTo(new CPingPong.Run(512, 1_500_000_000L, 250_000_000L));
        assertThatThrownBy(() -> CPingPong.Run.parse("pingpong: connect: refused"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("refused");
    }
}
