package io.memcached2.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcached2.Memcache;
import io.memcached2.ServerError;
import io.memcached2.testkit.FaultProxy;
import io.memcached2.testkit.MemcachedServer;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A real memcached with evictions off and 2 MB of memory ({@code -M -m 2}) answers
 * {@code SERVER_ERROR out of memory storing object} once full. Stores must fail with {@link ServerError}, reads keep
 * working, the connection is not dropped (no disconnects), and after a flush stores succeed again.
 */
@ExtendWith(NettyLeakDetection.class)
class OutOfMemoryTest {
    @Test
    void serverErrorOutOfMemory() throws Exception {
        Tally t = new Tally("SERVER_ERROR out of memory (real memcached -M -m 2)");
        LeakChecker.Snapshot before = LeakChecker.take();
        try (MemcachedServer server =
                        MemcachedServer.builder().memoryMb(2).extraArgs("-M").start();
                FaultProxy proxy = FaultProxy.to(server);
                Memcache<String> mc = Chaos.client(proxy.uri()).build()) {
            String prefix = "oom-" + System.nanoTime();
            Values values = new Values(prefix, 2000, 10, Chaos.workers());
            try (ChaosLoad load = new ChaosLoad(mc, values, t, Chaos.workers(), 20_000).start()) {
                Chaos.await(Chaos.loadTime(Duration.ofSeconds(10), 10), () -> t.count("ServerError") > 200);
                Chaos.hold(Duration.ofMillis(500));
            }
            mc.flushAll();
            long took = Chaos.await(Duration.ofSeconds(10), () -> {
                try {
                    mc.set(prefix + ":after-flush", "x".repeat(10_000));
                    return true;
                } catch (ServerError e) {
                    return false;
                }
            });
            t.recoveryNanos = took;
            if (took < 0 || took > Chaos.RECOVERY_BOUND.toNanos()) {
                t.violation("stores did not succeed again after flush_all: " + Chaos.ms(took));
            }
        }
        String growth = LeakChecker.growth(before, 2, 4, 16L << 20, Duration.ofSeconds(10));
        t.leaks = growth == null ? "none" : "GROWTH: " + growth;
        if (growth != null) {
            t.violation(growth);
        }
        t.allowOnly(Set.of("ServerError"));
        ReliabilityReport.record(t);
        assertThat(t.count("ServerError")).as("the server ran out of memory").isPositive();
        assertThat(t.violations).as(t.errorSummary()).isEmpty();
    }
}
