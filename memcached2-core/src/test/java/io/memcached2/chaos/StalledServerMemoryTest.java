package io.memcached2.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcached2.Memcache;
import io.memcached2.testkit.MemcachedServer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, item 7: against a server that stops reading, what a client holds is bounded in bytes, not only in
 * requests: 1 MB sets from four threads keep the heap and Netty's buffers under a stated bound, and the client
 * refuses the excess with {@link io.memcached2.Overloaded}.
 */
class StalledServerMemoryTest {
    private static final long QUEUED_CAP = 8L << 20;
    /**
     * Netty's share: the outbound buffer stops at its high-water mark (1 MiB) plus one encoded value, and a
     * connection given up on keeps its buffers until it is closed; the pool counts whole chunks of 4 MiB.
     */
    private static final long NETTY_BOUND = 32L << 20;
    /** The queued cap, the values in the test's own hands, and a collector's slack. */
    private static final long HEAP_BOUND = 64L << 20;

    private static final Duration OP_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    @Test
    void oneMegabyteSetsAgainstAStoppedServerStayBounded() throws Exception {
        String value = "v".repeat(1_000_000);
        Tally t = new Tally(
                "stalled server (SIGSTOP), 1 MB sets from 4 threads for 3 s, 16 outstanding each"
                        + " (maxQueuedBytes 8 MiB, operation timeout 1 s)",
                Chaos.MARGIN,
                OP_TIMEOUT.plus(CONNECT_TIMEOUT));
        try (MemcachedServer server = MemcachedServer.start();
                Memcache<String> mc = Memcache.builder()
                        .servers(server.uri())
                        .maxQueuedBytes(QUEUED_CAP)
                        .operationTimeout(OP_TIMEOUT)
                        .connectTimeout(CONNECT_TIMEOUT)
                        .build()) {
            mc.set("probe", "p");
            long heapBefore = LeakChecker.heapAfterGc();
            long nettyBefore = LeakChecker.nettyBytes();
            server.pause();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                Thread setter = new Thread(
                        () -> {
                            ArrayDeque<CompletableFuture<Void>> window = new ArrayDeque<>();
                            int i = 0;
                            while (System.nanoTime() - end < 0) {
                                long start = System.nanoTime();
                                CompletableFuture<Void> f = mc.async()
                                        .set("big-" + Thread.currentThread().getName() + "-" + (i++ % 64), value);
                                f.whenComplete((v, e) -> t.latency(System.nanoTime() - start, "a 1 MB set"));
                                window.add(f);
                                if (window.size() >= 16) {
                                    settle(window.poll(), t);
                                }
                            }
                            window.forEach(f -> settle(f, t));
                        },
                        "stalled-setter-" + w);
                threads.add(setter);
                setter.start();
            }
            long peakHeap = 0;
            long peakNetty = 0;
            while (System.nanoTime() - end < 0) {
                peakNetty = Math.max(peakNetty, LeakChecker.nettyBytes());
                peakHeap = Math.max(peakHeap, LeakChecker.heapAfterGc());
                Chaos.hold(Duration.ofMillis(300));
            }
            for (Thread setter : threads) {
                setter.join(TimeUnit.SECONDS.toMillis(30));
                assertThat(setter.isAlive()).as(setter.getName() + " finished").isFalse();
            }
            t.leaks = "heap growth peak " + (peakHeap - heapBefore >> 20) + " MiB (bound " + (HEAP_BOUND >> 20)
                    + "), Netty growth peak " + (peakNetty - nettyBefore >> 20) + " MiB (bound " + (NETTY_BOUND >> 20)
                    + ")";
            // a connection given up on is replaced; the stopped server accepts it but cannot answer the hello
            t.allowOnly(java.util.Set.of("Overloaded", "OperationTimeout", "ConnectTimeout"));
            assertThat(t.count("Overloaded"))
                    .as("sets refused for bytes waiting to be written")
                    .isPositive();
            assertThat(peakNetty - nettyBefore).as("Netty buffer growth").isLessThan(NETTY_BOUND);
            assertThat(peakHeap - heapBefore).as("live heap growth").isLessThan(HEAP_BOUND);
            server.resume();
            long resumed = System.nanoTime();
            long took = Chaos.await(Duration.ofSeconds(15), () -> {
                try {
                    return "p".equals(mc.async().get("probe").join());
                } catch (CompletionException e) {
                    return false;
                }
            });
            assertThat(took).as("recovered after the server resumed").isNotNegative();
            t.recoveryNanos = System.nanoTime() - resumed;
            ReliabilityReport.record(t);
            assertThat(t.violations).as("violations (" + t.errorSummary() + ")").isEmpty();
        }
    }

    private static void settle(CompletableFuture<Void> f, Tally t) {
        try {
            f.get(30, TimeUnit.SECONDS);
            t.ok();
        } catch (java.util.concurrent.ExecutionException e) {
            t.error(e.getCause());
        } catch (Exception e) {
            throw new AssertionError("a set never completed", e);
        }
    }
}
