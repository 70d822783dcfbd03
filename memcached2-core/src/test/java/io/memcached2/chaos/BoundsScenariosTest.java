package io.memcached2.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcached2.AsyncMemcache;
import io.memcached2.Memcache;
import io.memcached2.OperationTimeout;
import io.memcached2.Protocol;
import io.memcached2.testkit.FakeServer;
import io.memcached2.testkit.MemcachedExtension;
import io.memcached2.testkit.MemcachedServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The bounds of issue 13 as scenarios with figures for the reliability report: timeouts of requests queued while
 * a connection is made, and completions when callbacks block or the user's executor is full. (The stalled server
 * with 1 MB sets is {@link StalledServerMemoryTest}.)
 */
@ExtendWith({MemcachedExtension.class, NettyLeakDetection.class})
class BoundsScenariosTest {
    private static final int REQUESTS = 2_000;
    private static final Duration LOAD = Duration.ofSeconds(3);

    /**
     * Requests queued during connect are written the moment the server answers the hello; the server then stays
     * silent. Each must fail its operation timeout after being written, and those submitted later too: neither
     * batch may keep the connect timeout on top, nor hold up the sweep for the other.
     */
    @Test
    void requestsQueuedDuringConnectTimeOutOnTheOperationTimeout() {
        Tally t = new Tally(
                "queued during connect: 2,000 gets queued while connecting, 2,000 more once written;"
                        + " server silent (bound: operation timeout after written)",
                Chaos.MARGIN,
                Chaos.OP_TIMEOUT);
        LeakChecker.Snapshot before = LeakChecker.take();
        try (FakeServer fake = FakeServer.start(); // answers the hello, then nothing
                Memcache<String> mc =
                        Chaos.client(fake.uri()).protocol(Protocol.META).build()) {
            List<CompletableFuture<String>> queued = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                queued.add(mc.async().get("queued-" + i));
            }
            fake.awaitReceived(REQUESTS + 1, Duration.ofSeconds(10));
            long written = System.nanoTime();
            queued.forEach(f -> timeFailure(t, f, written));
            List<CompletableFuture<String>> later = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                CompletableFuture<String> f = mc.async().get("later-" + i);
                timeFailure(t, f, System.nanoTime());
                later.add(f);
            }
            queued.forEach(f -> settleTimeout(t, f));
            later.forEach(f -> settleTimeout(t, f));
            t.losses = fake.connectionCount() - 1;
        }
        finish(t, before, "");
        t.allowOnly(java.util.Set.of("OperationTimeout"));
        assertThat(t.count("OperationTimeout")).isEqualTo(2L * REQUESTS);
        assertThat(t.violations).as("violations (" + t.errorSummary() + ")").isEmpty();
    }

    /**
     * Gets from 8 threads for 3 s; now and then a callback blocks for a second (one at a time, so the default pool
     * of two threads always has one free). Every other callback must run within the call's bound: completions
     * are handed over one by one, never in a batch behind a blocked callback.
     */
    @Test
    void callbacksThatBlockDelayNoOtherCompletion(MemcachedServer server) throws Exception {
        Tally t = new Tally("callbacks that block: 8 threads of async gets for 3 s, one callback at a time blocks"
                + " 1 s (default pool of 2 threads)");
        LeakChecker.Snapshot before = LeakChecker.take();
        Semaphore oneBlocker = new Semaphore(1);
        CountDownLatch never = new CountDownLatch(1);
        AtomicLong blocked = new AtomicLong();
        try (Memcache<String> mc = Chaos.ready(Chaos.client(server.uri()).build())) {
            mc.set("bounds:k", "v");
            load(
                    mc.async(),
                    t,
                    (f, start) -> f.thenAccept(v -> {
                        t.latency(System.nanoTime() - start, "a get's callback");
                        if (!"v".equals(v)) {
                            t.wrongValue("bounds:k read " + v);
                        }
                        t.ok();
                        if (oneBlocker.tryAcquire()) {
                            try {
                                blocked.incrementAndGet();
                                never.await(1, TimeUnit.SECONDS); // the blocking callback under test
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            } finally {
                                oneBlocker.release();
                            }
                        }
                    }));
        }
        finish(t, before, "; " + blocked.get() + " callbacks blocked 1 s each");
        assertThat(blocked.get()).as("callbacks that blocked").isPositive();
        assertThat(t.violations).as("violations (" + t.errorSummary() + ")").isEmpty();
    }

    /**
     * The user's executor is full for the whole load (its one thread blocked, its queue taken): every completion it
     * refuses must still run, on the client's fallback thread, never on an I/O thread, within the call's bound.
     */
    @Test
    void aFullUserExecutorNeverPutsCallbacksOnAnIoThread(MemcachedServer server) throws Exception {
        Tally t = new Tally("full user executor: 8 threads of async gets for 3 s, the executor (1 thread, queue 1)"
                + " blocked throughout");
        LeakChecker.Snapshot before = LeakChecker.take();
        CountDownLatch release = new CountDownLatch(1);
        ThreadPoolExecutor full = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1));
        AtomicLong onIo = new AtomicLong();
        AtomicLong onFallback = new AtomicLong();
        try {
            full.execute(() -> {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            full.execute(() -> {});
            try (Memcache<String> mc = Chaos.ready(
                    Chaos.client(server.uri()).callbackExecutor(full).build())) {
                mc.set("bounds:k", "v");
                load(
                        mc.async(),
                        t,
                        (f, start) -> f.thenAccept(v -> {
                            t.latency(System.nanoTime() - start, "a get's callback");
                            String thread = Thread.currentThread().getName();
                            if (thread.startsWith("memcached2-io")) {
                                onIo.incrementAndGet();
                                t.violation("a callback ran on the I/O thread " + thread);
                            } else if (thread.startsWith("memcached2-callback-fallback")) {
                                onFallback.incrementAndGet();
                            }
                            t.ok();
                        }));
            }
        } finally {
            release.countDown();
            full.shutdownNow();
        }
        finish(
                t,
                before,
                "; " + onFallback.get() + " completions on the fallback thread, " + onIo.get() + " on an I/O thread");
        assertThat(onFallback.get()).as("completions the full executor refused").isPositive();
        assertThat(t.violations).as("violations (" + t.errorSummary() + ")").isEmpty();
    }

    /** Runs 8 threads of async gets of one key for the load time, at most 64 outstanding per thread. */
    private static void load(AsyncMemcache<String> a, Tally t, BiConsumer<CompletableFuture<String>, Long> onReply)
            throws InterruptedException {
        long end = System.nanoTime() + LOAD.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            Thread thread = new Thread(
                    () -> {
                        Semaphore window = new Semaphore(64);
                        while (System.nanoTime() - end < 0) {
                            window.acquireUninterruptibly();
                            long start = System.nanoTime();
                            CompletableFuture<String> f = a.get("bounds:k");
                            f.whenComplete((v, e) -> {
                                window.release();
                                if (e != null) {
                                    t.latency(System.nanoTime() - start, "a failed get");
                                    t.error(e);
                                }
                            });
                            onReply.accept(f, start);
                        }
                        window.acquireUninterruptibly(64);
                    },
                    "bounds-load-" + w);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(30));
            if (thread.isAlive()) {
                t.violation(thread.getName() + " did not finish: a completion never came");
            }
        }
    }

    /**
     * Measures from {@code from} to the moment the request fails (the written time of a queued request is known
     * only as "by then", so it is measured from when every queued request had reached the server).
     */
    private static void timeFailure(Tally t, CompletableFuture<String> f, long from) {
        f.whenComplete((v, e) -> t.latency(System.nanoTime() - from, "a get to a silent server"));
    }

    private static void settleTimeout(Tally t, CompletableFuture<String> f) {
        try {
            f.get(10, TimeUnit.SECONDS);
            t.ok();
            t.violation("a get answered by a silent server");
        } catch (java.util.concurrent.ExecutionException e) {
            t.error(e.getCause());
            if (!(e.getCause() instanceof OperationTimeout)) {
                t.violation("failed with " + e.getCause() + " instead of OperationTimeout");
            }
        } catch (Exception e) {
            t.violation("a get never completed: " + e);
        }
    }

    private static void finish(Tally t, LeakChecker.Snapshot before, String figures) {
        String growth = LeakChecker.growth(before, 2, 2, 16L << 20, Duration.ofSeconds(10));
        t.leaks =
                (growth == null ? "none (" + LeakChecker.delta(before, LeakChecker.take()) + ")" : "GROWTH: " + growth)
                        + figures;
        if (growth != null) {
            t.violation("leak: " + growth);
        }
        ReliabilityReport.record(t);
    }
}
