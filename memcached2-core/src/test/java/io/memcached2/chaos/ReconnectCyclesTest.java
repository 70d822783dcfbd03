package io.memcached2.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcached2.Memcache;
import io.memcached2.MemcachedException;
import io.memcached2.testkit.FaultProxy;
import io.memcached2.testkit.MemcachedExtension;
import io.memcached2.testkit.MemcachedServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * 1,000 reconnect cycles (5,000 in the long run): the proxy resets the client's connection, the client reconnects
 * and serves a request. Threads, file descriptors and Netty buffer memory must not grow from the steady state,
 * Netty's PARANOID leak detector must report nothing, and closing the client must give back its threads.
 */
@ExtendWith({MemcachedExtension.class, NettyLeakDetection.class})
class ReconnectCyclesTest {
    @Test
    void thousandReconnectCyclesLeakNothing(MemcachedServer server) {
        int cycles = Chaos.soak() ? 5000 : 1000;
        Tally t = new Tally(cycles + " reconnect cycles (connection reset, reconnect, request)");
        try (FaultProxy proxy = FaultProxy.to(server)) {
            // Shared JDK and Netty threads start with the first client; count from after one has come and gone.
            try (Memcache<String> warm = Chaos.client(proxy.uri()).build()) {
                warm.set("warm", "up");
            }
            LeakChecker.Snapshot noClient = LeakChecker.take();
            LeakChecker.Snapshot steady;
            LeakChecker.Snapshot end;
            try (Memcache<String> mc = Chaos.client(proxy.uri()).build()) {
                mc.set("cycle", "value");
                for (int i = 0; i < 50; i++) {
                    cycle(mc, proxy, t);
                }
                steady = LeakChecker.take();
                for (int i = 0; i < cycles; i++) {
                    cycle(mc, proxy, t);
                }
                t.losses = proxy.lostConnections();
                String growth = LeakChecker.growth(steady, 1, 2, 1L << 20, Duration.ofSeconds(10));
                end = LeakChecker.take();
                if (growth != null) {
                    t.violation("growth over " + cycles + " reconnect cycles: " + growth);
                }
            }
            String afterClose = LeakChecker.growth(noClient, 0, 0, 1L << 20, Duration.ofSeconds(10));
            if (afterClose != null) {
                t.violation("closing the client did not give everything back: " + afterClose);
            }
            String leak = NettyLeakDetection.collect(Duration.ofSeconds(1));
            if (leak != null) {
                t.violation("Netty leak: " + leak);
            }
            t.leaks = (t.violations.isEmpty() ? "none (" : "GROWTH (") + LeakChecker.delta(steady, end)
                    + " over the cycles; 0 leak reports)";
            t.notes = (cycles + 50) + " cycles";
            ReliabilityReport.record(t);
            assertThat(proxy.connectionCount()).isGreaterThan(cycles);
        }
        assertThat(t.violations).isEmpty();
    }

    private static void cycle(Memcache<String> mc, FaultProxy proxy, Tally t) {
        int before = proxy.connectionCount();
        proxy.resetConnections();
        long start = System.nanoTime();
        long took = Chaos.await(Duration.ofSeconds(5), () -> {
            long s = System.nanoTime();
            try {
                boolean ok = proxy.connectionCount() > before && "value".equals(mc.get("cycle"));
                if (ok) {
                    t.ok();
                }
                return ok;
            } catch (MemcachedException e) {
                t.error(e);
                return false;
            } finally {
                t.latency(System.nanoTime() - s);
            }
        });
        if (took < 0 || took > Chaos.RECOVERY_BOUND.toNanos()) {
            t.violation("no successful request within " + Chaos.RECOVERY_BOUND.toMillis() + " ms of a reset: "
                    + Chaos.ms(took < 0 ? System.nanoTime() - start : took));
        }
        t.recoveryNanos = Math.max(t.recoveryNanos, took);
    }
}
