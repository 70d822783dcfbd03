package io.memcached2.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcached2.Memcache;
import io.memcached2.Overloaded;
import io.memcached2.testkit.MemcachedServer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, item 7: against a server that stops reading, what a client holds is bounded in bytes, not only in
 * requests: 1 MB sets from four threads keep the heap and Netty's buffers under a stated bound, and the client
 * refuses the excess with {@link Overloaded}.
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

    @Test
    void oneMegabyteSetsAgainstAStoppedServerStayBounded() throws Exception {
        String value = "v".repeat(1_000_000);
        try (MemcachedServer server = MemcachedServer.start();
                Memcache<String> mc = Memcache.builder().servers(server.uri()).maxQueuedBytes(QUEUED_CAP)
                        .operationTimeout(Duration.ofSeconds(1)).build()) {
            mc.set("probe", "p");
            long heapBefore = LeakChecker.heapAfterGc();
            long nettyBefore = LeakChecker.nettyBytes();
            server.pause();
            AtomicLong overloaded = new AtomicLong();
            AtomicLong other = new AtomicLong();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                Thread t = new Thread(() -> {
                    ArrayDeque<CompletableFuture<Void>> window = new ArrayDeque<>();
                    int i = 0;
                    while (System.nanoTime() - end < 0) {
                        window.add(mc.async().set("big-" + Thread.currentThread().getName() + "-" + (i++ % 64), value));
                        if (window.size() >= 16) {
                            settle(window.poll(), overloaded, other);
                        }
                    }
                    window.forEach(f -> settle(f, overloaded, other));
                }, "stalled-setter-" + w);
                threads.add(t);
                t.start();
            }
            long peakHeap = 0;
            long peakNetty = 0;
            while (System.nanoTime() - end < 0) {
                peakNetty = Math.max(peakNetty, LeakChecker.nettyBytes());
                peakHeap = Math.max(peakHeap, LeakChecker.heapAfterGc());
                Chaos.hold(Duration.ofMillis(300));
            }
            for (Thread t : threads) {
                t.join(TimeUnit.SECONDS.toMillis(30));
                assertThat(t.isAlive()).as(t.getName() + " finished").isFalse();
            }
            assertThat(overloaded.get()).as("sets refused for bytes waiting to be written").isPositive();
            assertThat(peakNetty - nettyBefore).as("Netty buffer growth").isLessThan(NETTY_BOUND);
            assertThat(peakHeap - heapBefore).as("live heap growth").isLessThan(HEAP_BOUND);
            server.resume();
            long took = Chaos.await(Duration.ofSeconds(15), () -> {
                try {
                    return "p".equals(mc.async().get("probe").join());
                } catch (CompletionException e) {
                    return false;
                }
            });
            assertThat(took).as("recovered after the server resumed").isNotNegative();
        }
    }

    private static void settle(CompletableFuture<Void> f, AtomicLong overloaded, AtomicLong other) {
        try {
            f.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            (e.getCause() instanceof Overloaded ? overloaded : other).incrementAndGet();
        } catch (Exception e) {
            throw new AssertionError("a set never completed", e);
        }
    }
}
