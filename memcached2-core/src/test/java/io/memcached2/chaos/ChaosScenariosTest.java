package io.memcached2.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcached2.testkit.FaultProxy;
import io.memcached2.testkit.MemcachedExtension;
import io.memcached2.testkit.MemcachedServer;
import io.memcached2.testkit.MemcachedServers;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Three real servers behind fault proxies under a mixed, self-checking load from many threads, through each
 * fault of the issue. Each scenario: load for a while, apply the fault (in the long run, again and again for the
 * scenario's share of the soak time), clear it, measure recovery, keep loading, stop, then check every property.
 */
@ExtendWith({MemcachedExtension.class, NettyLeakDetection.class})
@Timeout(value = 30, unit = TimeUnit.MINUTES)
class ChaosScenariosTest {
    private static final int LOAD_SCENARIOS = 11;
    private static final Set<String> SERVER_TROUBLE = Set.of(
            "ServerDisconnect", "OperationTimeout", "ConnectTimeout", "NoAvailableServers", "MultiRetrieveException");
    private static LeakChecker.Snapshot classBase;

    /** A fault: applies it, keeps it for its schedule, and clears it before returning. */
    interface Fault {
        void inject(Cluster c) throws Exception;
    }

    /** Growth from the end of the first scenario (once Netty's and the JDK's shared threads exist) to the last. */
    @AfterAll
    static void noGrowthOverTheWholeClass() {
        if (classBase == null) {
            return;
        }
        String growth = LeakChecker.growth(classBase, 2, 4, 16L << 20, Duration.ofSeconds(10));
        assertThat(growth)
                .as("threads, fds or Netty buffers grew over all scenarios")
                .isNull();
    }

    /**
     * @param losses whether the fault is the loss of connections, so that the errors callers saw per lost connection
     *     mean something (a stopped, silent or refusing server fails calls by timeouts and refusals instead)
     */
    private static void run(
            String name,
            List<MemcachedServer> servers,
            Set<String> allowed,
            Duration ciTime,
            boolean losses,
            Fault fault)
            throws Exception {
        Tally t = new Tally(name);
        LeakChecker.Snapshot before = LeakChecker.take();
        Set<String> all = new HashSet<>(SERVER_TROUBLE);
        all.addAll(allowed);
        String prefix = name.replaceAll("[^a-z0-9]+", "-") + "-" + Long.toHexString(System.nanoTime());
        int cycles = 0;
        try (Cluster c = new Cluster(servers, prefix)) {
            assertThat(Chaos.await(Duration.ofSeconds(10), c::healthy))
                    .as("cluster ready")
                    .isNotNegative();
            Values values = new Values(prefix, 500, 20, Chaos.workers());
            try (ChaosLoad load = new ChaosLoad(c.mc, values, t, Chaos.workers(), 120).start()) {
                Chaos.hold(Duration.ofMillis(500));
                long end = System.nanoTime()
                        + Chaos.loadTime(ciTime, LOAD_SCENARIOS).toNanos();
                do {
                    fault.inject(c);
                    long took = Chaos.await(Duration.ofSeconds(30), c::healthy);
                    cycles++;
                    if (took < 0 || took > Chaos.RECOVERY_BOUND.toNanos()) {
                        t.violation("no recovery within " + Chaos.RECOVERY_BOUND.toMillis() + " ms after the fault"
                                + " cleared (cycle " + cycles + "): " + (took < 0 ? "none in 30 s" : Chaos.ms(took)));
                    }
                    t.recoveryNanos = Math.max(t.recoveryNanos, took < 0 ? Long.MAX_VALUE : took);
                    Chaos.hold(Duration.ofMillis(500));
                } while (System.nanoTime() < end);
            }
            if (losses) {
                t.losses = c.lostConnections();
            }
        }
        String growth = LeakChecker.growth(before, 2, 4, 16L << 20, Duration.ofSeconds(10));
        LeakChecker.Snapshot after = LeakChecker.take();
        t.leaks = growth == null ? "none (" + LeakChecker.delta(before, after) + ")" : "GROWTH: " + growth;
        if (growth != null) {
            t.violation("leak: " + growth);
        }
        if (classBase == null) {
            classBase = after;
        }
        t.allowOnly(all);
        t.notes = cycles == 1 ? "" : cycles + " fault cycles";
        ReliabilityReport.record(t);
        assertThat(t.ops.sum()).as("operations run").isPositive();
        assertThat(t.violations)
                .as("violated properties in " + name + " (" + t.errorSummary() + ")")
                .isEmpty();
    }

    @Test
    void noFault(@MemcachedServers(count = 3) List<MemcachedServer> servers) throws Exception {
        run(
                "no fault (baseline)",
                servers,
                Set.of(),
                Duration.ofSeconds(2),
                true,
                c -> Chaos.hold(Duration.ofSeconds(1)));
    }

    @Test
    void killNineThenRestart(@MemcachedServers(count = 3) List<MemcachedServer> servers) throws Exception {
        run(
                "kill -9 mid-load, restart after 1 s (comes back empty)",
                servers,
                Set.of(),
                Duration.ofSeconds(2),
                true,
                c -> {
                    c.servers.get(0).kill();
                    Chaos.hold(Duration.ofSeconds(1));
                    c.servers.get(0).restart();
                });
    }

    @Test
    void gracefulRestartComesBackEmpty(@MemcachedServers(count = 3) List<MemcachedServer> servers) throws Exception {
        run(
                "restart (SIGTERM, comes back empty)",
                servers,
                Set.of(),
                Duration.ofSeconds(2),
                true,
                c -> c.servers.get(1).restart());
    }

    @Test
    void sigstopFiveSeconds(@MemcachedServers(count = 3) List<MemcachedServer> servers) throws Exception {
        run("SIGSTOP 5 s, then SIGCONT", servers, Set.of(), Duration.ofSeconds(5), false, c -> {
            c.servers.get(2).pause();
            try {
                Chaos.hold(Duration.ofSeconds(5));
            } finally {
                c.servers.get(2).resume();
            }
        });
    }

    @Test
    void resetEveryConnectionEvery100ms(@MemcachedServers(count = 3) List<MemcachedServer> servers) throws Exception {
        run("reset every connection every 100 ms", servers, Set.of(), Duration.ofSeconds(2), true, c -> {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (System.nanoTime() < end) {
                c.proxies.forEach(FaultProxy::resetConnections);
                Chaos.hold(Duration.ofMillis(100));
            }
        });
    }

    @Test
    void blackHole(@MemcachedServers(count = 3) List<MemcachedServer> servers) throws Exception {
        run("black hole (accept, never answer) 2 s", servers, Set.of(), Duration.ofSeconds(2), false, c -> {
            FaultProxy p = c.proxies.get(0);
            p.blackHole(true);
            p.resetConnections();
            Chaos.hold(Duration.ofSeconds(2));
            p.blackHole(false);
        });
    }

    @Test
    void slowDrip(@MemcachedServers(count = 3) List<MemcachedServer> servers) throws Exception {
        run("slow drip 1 byte/ms for 2 s", servers, Set.of(), Duration.ofSeconds(2), false, c -> {
            FaultProxy p = c.proxies.get(1);
            p.slowDrip(1);
            Chaos.hold(Duration.ofSeconds(2));
            p.slowDrip(0);
        });
    }

    @Test
    void truncatedReplies(@MemcachedServers(count = 3) List<MemcachedServer> servers) throws Exception {
        run("truncated replies (every 200 ms for 2 s)", servers, Set.of(), Duration.ofSeconds(2), true, c -> {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            ThreadLocalRandom rnd = ThreadLocalRandom.current();
            while (System.nanoTime() < end) {
                c.proxies.get(rnd.nextInt(c.proxies.size())).truncateNext(rnd.nextInt(1, 300));
                Chaos.hold(Duration.ofMillis(200));
            }
            c.clearFaults();
        });
    }

    @Test
    void corruptedReplies(@MemcachedServers(count = 3) List<MemcachedServer> servers) throws Exception {
        run(
                "corrupted replies (bits inverted, every 200 ms for 2 s)",
                servers,
                Set.of("ProtocolError"),
                Duration.ofSeconds(2),
                true,
                c -> {
                    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
                    ThreadLocalRandom rnd = ThreadLocalRandom.current();
                    while (System.nanoTime() < end) {
                        c.proxies.get(rnd.nextInt(c.proxies.size())).corruptNext(rnd.nextInt(1, 4));
                        Chaos.hold(Duration.ofMillis(200));
                    }
                    c.clearFaults();
                });
    }

    @Test
    void refusedConnections(@MemcachedServers(count = 3) List<MemcachedServer> servers) throws Exception {
        run("refused connections 2 s", servers, Set.of(), Duration.ofSeconds(2), false, c -> {
            FaultProxy p = c.proxies.get(2);
            p.refuseConnections(true);
            p.resetConnections();
            Chaos.hold(Duration.ofSeconds(2));
            p.refuseConnections(false);
        });
    }

    @Test
    void addressChange(@MemcachedServers(count = 3) List<MemcachedServer> servers) throws Exception {
        run(
                "address change (updateServers moves a server to a new address)",
                servers,
                Set.of(),
                Duration.ofSeconds(2),
                true,
                c -> {
                    FaultProxy old = c.proxies.get(0);
                    FaultProxy moved = FaultProxy.to(c.servers.get(0));
                    c.proxies.set(0, moved);
                    c.mc.updateServers(
                            moved.uri(),
                            c.proxies.get(1).uri(),
                            c.proxies.get(2).uri());
                    old.close();
                });
    }
}
