package io.memcached2.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memcached2.AsyncMemcache;
import io.memcached2.Memcache;
import io.memcached2.Protocol;
import io.memcached2.Store;
import io.memcached2.testkit.MemcachedExtension;
import io.memcached2.testkit.MemcachedServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code cache(key, loader)}: a miss calls the loader once and stores its result; concurrent callers share one
 * loader call; a loader failure reaches every caller and is not cached.
 *
 * <p>The sharing tests run the client's callbacks on the test thread through a hand-pumped executor. All the
 * callers' gets are queued before the one store the loader triggers, and replies on a connection come in order, so
 * every caller has met the miss before the load finishes: the outcome does not depend on thread timing.
 */
@ExtendWith(MemcachedExtension.class)
class CacheLoaderTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    /** An executor whose tasks run only when the test pumps them, on the test thread. */
    static final class PumpedExecutor implements java.util.concurrent.Executor {
        private final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }

        void pumpUntil(List<? extends CompletableFuture<?>> futures) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!futures.stream().allMatch(CompletableFuture::isDone)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("futures not complete within " + WAIT);
                }
                Runnable t = tasks.poll(left, TimeUnit.NANOSECONDS);
                if (t != null) {
                    t.run();
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"META", "TEXT", "BINARY"})
    void missCallsTheLoaderOnceAndStores(Protocol protocol, MemcachedServer server) {
        try (Memcache<String> mc = Support.client(protocol, server.uri())) {
            AtomicInteger calls = new AtomicInteger();
            Function<String, String> loader = key -> "loaded:" + key + ":" + calls.incrementAndGet();
            assertThat(mc.cache("page:7", loader)).isEqualTo("loaded:page:7:1");
            assertThat(mc.cache("page:7", loader)).isEqualTo("loaded:page:7:1");
            assertThat(calls).hasValue(1);
            assertThat(mc.get("page:7")).isEqualTo("loaded:page:7:1");

            mc.set("present", "cached");
            assertThat(mc.cache("present", loader)).isEqualTo("cached");
            assertThat(calls).hasValue(1);

            assertThat(mc.cache("short", k -> "s", Store.ttl(Duration.ofSeconds(1))))
                    .isEqualTo("s");
            Support.await(
                    "value cached with a 1 s TTL to expire",
                    Duration.ofSeconds(5),
                    () -> Support.thrownBy(() -> mc.get("short")) != null);
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"META", "TEXT", "BINARY"})
    void concurrentCallersShareOneLoaderCall(Protocol protocol, MemcachedServer server) throws Exception {
        PumpedExecutor pump = new PumpedExecutor();
        try (Memcache<String> mc = Support.client(protocol, server.uri(), b -> b.callbackExecutor(pump))) {
            AsyncMemcache<String> a = mc.async();
            AtomicInteger calls = new AtomicInteger();
            List<CompletableFuture<String>> futures = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                futures.add(a.cache("shared", key -> "value#" + calls.incrementAndGet()));
            }
            pump.pumpUntil(futures);
            assertThat(calls).hasValue(1);
            for (CompletableFuture<String> f : futures) {
                assertThat(f.join()).isEqualTo("value#1");
            }
            CompletableFuture<String> stored = a.get("shared");
            pump.pumpUntil(List.of(stored));
            assertThat(stored.join()).isEqualTo("value#1");
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"META", "TEXT", "BINARY"})
    void loaderFailureReachesEveryCallerAndIsNotCached(Protocol protocol, MemcachedServer server) throws Exception {
        PumpedExecutor pump = new PumpedExecutor();
        try (Memcache<String> mc = Support.client(protocol, server.uri(), b -> b.callbackExecutor(pump))) {
            AsyncMemcache<String> a = mc.async();
            AtomicInteger calls = new AtomicInteger();
            IllegalStateException boom = new IllegalStateException("database is down");
            List<CompletableFuture<String>> futures = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                futures.add(a.cache("fragile", key -> {
                    calls.incrementAndGet();
                    throw boom;
                }));
            }
            pump.pumpUntil(futures);
            assertThat(calls).hasValue(1);
            for (CompletableFuture<String> f : futures) {
                assertThat(Support.failureOf(f, WAIT)).isSameAs(boom);
            }
            // not cached: neither the failure (the next call loads again) nor a value on the server
            CompletableFuture<String> absent = a.get("fragile");
            pump.pumpUntil(List.of(absent));
            assertThat(absent.join()).isNull();
            CompletableFuture<String> retry = a.cache("fragile", key -> "recovered#" + calls.incrementAndGet());
            pump.pumpUntil(List.of(retry));
            assertThat(retry.join()).isEqualTo("recovered#2");
        }
    }

    /**
     * Callers that arrive while a slow load is running join it: cache() registers with the running load before it
     * returns, so the outcome does not depend on timing.
     */
    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"META", "TEXT", "BINARY"})
    void callersArrivingDuringASlowLoadShareItsValueOrFailure(Protocol protocol, MemcachedServer server)
            throws Exception {
        ThreadPoolExecutor callbacks = (ThreadPoolExecutor) Executors.newCachedThreadPool();
        try (Memcache<String> mc = Support.client(protocol, server.uri(), b -> b.callbackExecutor(callbacks))) {
            for (boolean fail : new boolean[] {false, true}) {
                String key = "slow:" + fail;
                CountDownLatch entered = new CountDownLatch(1);
                CountDownLatch release = new CountDownLatch(1);
                AtomicInteger calls = new AtomicInteger();
                IllegalStateException boom = new IllegalStateException("backend failed");
                Function<String, String> loader = k -> {
                    calls.incrementAndGet();
                    entered.countDown();
                    try {
                        if (!release.await(10, TimeUnit.SECONDS)) {
                            throw new AssertionError("loader never released");
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    if (fail) {
                        throw boom;
                    }
                    return "slow value";
                };
                Support.await("callbacks of the previous round to finish", WAIT, () -> callbacks.getActiveCount() == 0);
                // the first caller runs on its own thread: should its get complete before the continuation is
                // attached, the loader runs (and blocks) on that thread, not on the test thread
                AtomicReference<CompletableFuture<String>> first = new AtomicReference<>();
                Thread firstCaller = new Thread(() -> first.set(mc.async().cache(key, loader)), "first-caller");
                firstCaller.start();
                assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
                List<CompletableFuture<String>> futures = new ArrayList<>();
                // cache() joins a load in progress before returning, so these callers share the running load
                for (int i = 0; i < 5; i++) {
                    futures.add(mc.async().cache(key, loader));
                }
                release.countDown();
                firstCaller.join(WAIT.toMillis());
                assertThat(first.get()).isNotNull();
                futures.add(first.get());
                for (CompletableFuture<String> f : futures) {
                    if (fail) {
                        assertThat(Support.failureOf(f, WAIT)).isSameAs(boom);
                    } else {
                        assertThat(Support.valueOf(f, WAIT)).isEqualTo("slow value");
                    }
                }
                assertThat(calls).as("loader calls, failing=%s", fail).hasValue(1);
                if (fail) {
                    assertThat(mc.cache(key, k -> "later"))
                            .as("the failure is not cached")
                            .isEqualTo("later");
                }
            }
        } finally {
            callbacks.shutdownNow();
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"META", "TEXT", "BINARY"})
    void blockingCallerSeesTheLoadersOwnException(Protocol protocol, MemcachedServer server) {
        try (Memcache<String> mc = Support.client(protocol, server.uri())) {
            IllegalStateException boom = new IllegalStateException("no such page");
            assertThatThrownBy(() -> mc.cache("k", key -> {
                        throw boom;
                    }))
                    .isSameAs(boom);
            assertThatThrownBy(() -> mc.cache("k", key -> null))
                    .isInstanceOf(NullPointerException.class)
                    .hasMessageContaining("loader returned null");
            assertThat(mc.cache("k", key -> "fine")).isEqualTo("fine");
        }
    }
}
