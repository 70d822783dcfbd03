package io.memcached2.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcached2.AsyncMemcache;
import io.memcached2.Memcache;
import io.memcached2.testkit.FaultProxy;
import io.memcached2.testkit.MemcachedExtension;
import io.memcached2.testkit.MemcachedServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * More requests than the in-flight cap, and a burst of 100,000 requests against a stalled server: every request
 * completes (a value, a miss, {@link io.memcached2.Overloaded} at once, or a timeout) within the operation timeout
 * plus the margin from its submission, memory stays bounded, and the client serves requests again once the server
 * answers.
 */
@ExtendWith({MemcachedExtension.class, NettyLeakDetection.class})
class OverloadTest {
    private static final int MAX_PAD = 100;
    /**
     * The burst's own margin: 100,000 completions land on the 2-core machine at once (16,384 timeouts delivered in
     * one batch by the callback pool while the caller is still submitting), so the last ones are handed over later.
     */
    static final java.time.Duration BURST_MARGIN = java.time.Duration.ofMillis(500);

    /** Issues an async get and accounts for it when it completes. */
    private static CompletableFuture<?> get(AsyncMemcache<String> a, Values values, Tally t, String key) {
        long start = System.nanoTime();
        CompletableFuture<String> f;
        try {
            f = a.get(key);
        } catch (RuntimeException e) {
            t.latency(System.nanoTime() - start);
            t.error(e);
            return CompletableFuture.completedFuture(null);
        }
        return f.handle((v, err) -> {
            t.latency(System.nanoTime() - start);
            if (err != null) {
                t.error(err instanceof CompletionException ? err.getCause() : err);
            } else if (v == null) {
                t.miss();
            } else {
                t.ok();
                if (values.check(key, v, MAX_PAD) != Values.Verdict.OK) {
                    t.wrongValue("'" + v + "' read under " + key);
                }
            }
            return null;
        });
    }

    private static Values seed(Memcache<String> mc, String prefix) {
        Chaos.ready(mc);
        Values values = new Values(prefix, 200, 1, 1);
        for (long seq = 0; seq < 400; seq++) {
            mc.set(values.keyFor(0, seq), values.value(0, seq, MAX_PAD));
        }
        return values;
    }

    private static void finish(Tally t, long heapBefore, long peakHeap, LeakChecker.Snapshot before) {
        finish(t, heapBefore, peakHeap, before, 1L << 20, "");
    }

    private static void finish(
            Tally t, long heapBefore, long peakHeap, LeakChecker.Snapshot before, long bufferSlack, String note) {
        long heapAfter = LeakChecker.heapAfterGc();
        String growth = LeakChecker.growth(before, 2, 4, bufferSlack, Duration.ofSeconds(10));
        t.leaks = (growth == null ? "none" : "GROWTH: " + growth) + "; live heap " + (heapBefore >> 20) + " -> peak "
                + (peakHeap >> 20) + " -> " + (heapAfter >> 20) + " MiB" + note;
        if (growth != null) {
            t.violation(growth);
        }
        // Bounds on the live heap (after a collection): at the peak (the test itself holds up to 100,000 futures)
        // and once the load is over.
        if (peakHeap - heapBefore > 128L << 20 || heapAfter - heapBefore > 32L << 20) {
            t.violation("memory not bounded: " + t.leaks);
        }
        t.allowOnly(Set.of("Overloaded", "OperationTimeout", "ServerDisconnect", "ConnectTimeout"));
        ReliabilityReport.record(t);
        assertThat(t.violations).as(t.scenario + " (" + t.errorSummary() + ")").isEmpty();
    }

    @Test
    void moreRequestsThanTheInFlightCap(MemcachedServer server) throws Exception {
        int cap = 64;
        Tally t =
                new Tally("overload: 8 threads, windows of 2,000 async gets, in-flight cap " + cap + ", 20 ms latency");
        LeakChecker.Snapshot before = LeakChecker.take();
        long peak;
        long heapBase;
        try (FaultProxy proxy = FaultProxy.to(server);
                Memcache<String> mc = Chaos.client(proxy.uri()).maxInFlight(cap).build()) {
            Values values = seed(mc, "overload-" + System.nanoTime());
            proxy.latency(Duration.ofMillis(20));
            AtomicLong peakHeap = new AtomicLong();
            long heapBefore = LeakChecker.heapAfterGc();
            long end = System.nanoTime()
                    + Chaos.loadTime(Duration.ofSeconds(4), 10).toNanos();
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                Thread th = new Thread(
                        () -> {
                            ThreadLocalRandom rnd = ThreadLocalRandom.current();
                            try {
                                while (System.nanoTime() < end) {
                                    List<CompletableFuture<?>> window = new ArrayList<>();
                                    for (int i = 0; i < 2000; i++) {
                                        window.add(
                                                get(mc.async(), values, t, values.key(rnd.nextInt(values.keyCount()))));
                                    }
                                    CompletableFuture.allOf(window.toArray(new CompletableFuture<?>[0]))
                                            .join();
                                }
                            } catch (Throwable e) {
                                t.violation("overload thread died: " + e);
                            }
                        },
                        "chaos-overload-" + w);
                threads.add(th);
                th.start();
            }
            while (System.nanoTime() < end) {
                // Sample the live heap (after a collection) while the load runs.
                peakHeap.accumulateAndGet(LeakChecker.heapAfterGc(), Math::max);
                Chaos.hold(Duration.ofMillis(500));
            }
            for (Thread th : threads) {
                th.join(Chaos.loadTime(Duration.ofSeconds(4), 10).toMillis() + 30_000);
                if (th.isAlive()) {
                    t.violation("overload thread stuck: " + th.getName());
                }
            }
            proxy.latency(Duration.ZERO);
            long took = Chaos.await(Duration.ofSeconds(10), () -> {
                try {
                    return mc.async().get(values.key(0)).join() != null;
                } catch (CompletionException e) {
                    return false;
                }
            });
            t.recoveryNanos = took;
            assertThat(t.count("Overloaded")).as("the cap was hit").isPositive();
            peak = peakHeap.get();
            heapBase = heapBefore;
        }
        finish(t, heapBase, peak, before);
    }

    @Test
    void burstOf100000AgainstAStalledServer(MemcachedServer server) throws Exception {
        Tally t = new Tally(
                "burst: 100,000 async gets against a stalled server (default cap 16,384), twice", BURST_MARGIN);
        LeakChecker.Snapshot before = LeakChecker.take();
        long heapBase;
        long peakHeap = 0;
        long[] pool = new long[2];
        try (FaultProxy proxy = FaultProxy.to(server);
                Memcache<String> mc = Chaos.client(proxy.uri()).build()) {
            Values values = seed(mc, "burst-" + System.nanoTime());
            heapBase = LeakChecker.heapAfterGc();
            int liveBefore = NettyLeakDetection.liveBuffers();
            for (int round = 0; round < 2; round++) {
                proxy.stall(true);
                List<CompletableFuture<?>> all = new ArrayList<>(100_000);
                for (int i = 0; i < 100_000; i++) {
                    all.add(get(mc.async(), values, t, values.key(i % values.keyCount())));
                }
                peakHeap = Math.max(peakHeap, LeakChecker.heapAfterGc());
                long done = Chaos.await(
                        Chaos.OP_TIMEOUT.plus(BURST_MARGIN).plusSeconds(5),
                        () -> all.stream().allMatch(CompletableFuture::isDone));
                if (done < 0) {
                    t.violation(all.stream().filter(f -> !f.isDone()).count() + " requests never completed");
                }
                all.clear();
                proxy.stall(false);
                long took = Chaos.await(Duration.ofSeconds(10), () -> {
                    try {
                        return mc.async().get(values.key(0)).join() != null;
                    } catch (CompletionException e) {
                        return false;
                    }
                });
                t.recoveryNanos = Math.max(t.recoveryNanos, took);
                if (took < 0 || took > Chaos.RECOVERY_BOUND.toNanos()) {
                    t.violation("no recovery within " + Chaos.RECOVERY_BOUND.toMillis() + " ms: " + Chaos.ms(took));
                }
                // Bounded means that once a burst is over the client holds none of the buffers it took (16,384
                // encoded requests waited on the stalled connection). Netty's pool size is no measure of that: its
                // default (adaptive) allocator takes memory in chunks of up to 8 MiB, one more whenever its chunks are
                // fragmented, and keeps wholly free chunks for reuse, so the pool grows by a whole chunk at any burst
                // or at none (seen: 3 -> 11 MiB at the first burst, at the fifth, or never in ten) while nothing is
                // held.
                if (Chaos.await(Duration.ofSeconds(5), () -> NettyLeakDetection.liveBuffers() <= liveBefore) < 0) {
                    t.violation("burst " + (round + 1) + " left " + (NettyLeakDetection.liveBuffers() - liveBefore)
                            + " Netty buffers unreleased");
                }
                pool[round] = LeakChecker.nettyBytes();
            }
            assertThat(t.ops.sum()).isEqualTo(200_000);
            t.notes = "2 bursts";
        }
        finish(
                t,
                heapBase,
                peakHeap,
                before,
                Math.max(pool[0], pool[1]) - before.nettyBytes + (1L << 20),
                "; Netty pool after each burst " + (pool[0] >> 20) + " / " + (pool[1] >> 20) + " MiB");
    }
}
