package io.memcached2.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memcached2.Memcache;
import io.memcached2.Protocol;
import io.memcached2.Store;
import io.memcached2.testkit.MemcachedExtension;
import io.memcached2.testkit.MemcachedServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * cache() across several client instances (standing for processes) and many threads: the meta protocol's leases
 * make the loader run once per expiry, share its failure, and serve stale values while one caller refreshes.
 */
@ExtendWith(MemcachedExtension.class)
class CacheLeaseTest {
    private static final int CLIENTS = 4;
    private static final int THREADS_PER_CLIENT = 8;

    private static List<Memcache<String>> clients(MemcachedServer server, int n) {
        List<Memcache<String>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Memcache.builder()
                    .servers(server.uri())
                    .protocol(Protocol.META)
                    .operationTimeout(Duration.ofSeconds(2))
                    .build());
        }
        return out;
    }

    /** Runs cache() from every thread of every client at once; returns each caller's result or exception. */
    private static List<Object> stampede(
            List<Memcache<String>> clients, String key, Function<String, String> loader, CountDownLatch entered)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients.size() * THREADS_PER_CLIENT);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Object>> results = new ArrayList<>();
            for (Memcache<String> mc : clients) {
                for (int t = 0; t < THREADS_PER_CLIENT; t++) {
                    results.add(pool.submit(() -> {
                        start.await();
                        entered.countDown();
                        try {
                            return mc.cache(key, loader, Store.ttl(Duration.ofMinutes(5)));
                        } catch (RuntimeException e) {
                            return e;
                        }
                    }));
                }
            }
            start.countDown();
            List<Object> out = new ArrayList<>();
            for (Future<Object> f : results) {
                out.add(f.get(30, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void loaderRunsOnceAcrossClientsAndThreads(MemcachedServer server) throws Exception {
        List<Memcache<String>> clients = clients(server, CLIENTS);
        try {
            AtomicInteger loads = new AtomicInteger();
            CountDownLatch entered = new CountDownLatch(CLIENTS * THREADS_PER_CLIENT);
            List<Object> results = stampede(
                    clients,
                    "hot",
                    key -> {
                        loads.incrementAndGet();
                        awaitQuietly(entered);
                        return "value-of-" + key;
                    },
                    entered);
            assertThat(results).hasSize(CLIENTS * THREADS_PER_CLIENT).allMatch("value-of-hot"::equals);
            assertThat(loads).hasValue(1);
        } finally {
            clients.forEach(Memcache::close);
        }
    }

    @Test
    void loaderRunsAgainOnlyAfterExpiry(MemcachedServer server) throws Exception {
        List<Memcache<String>> clients = clients(server, 2);
        try {
            AtomicInteger loads = new AtomicInteger();
            Function<String, String> loader = key -> "v" + loads.incrementAndGet();
            Store shortLived = Store.ttl(Duration.ofSeconds(1));
            assertThat(clients.get(0).cache("exp", loader, shortLived)).isEqualTo("v1");
            assertThat(clients.get(1).cache("exp", loader, shortLived)).isEqualTo("v1");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (clients.get(0).async().get("exp").get() != null) {
                assertThat(System.nanoTime() - deadline)
                        .as("item never expired")
                        .isNegative();
                Thread.onSpinWait();
            }
            assertThat(clients.get(1).cache("exp", loader, shortLived)).isEqualTo("v2");
            assertThat(loads).hasValue(2);
        } finally {
            clients.forEach(Memcache::close);
        }
    }

    @Test
    void loaderFailureReachesCallersAndIsNotCached(MemcachedServer server) throws Exception {
        List<Memcache<String>> clients = clients(server, 1);
        try {
            CountDownLatch entered = new CountDownLatch(THREADS_PER_CLIENT);
            List<Object> results = stampede(
                    clients,
                    "boom",
                    key -> {
                        awaitQuietly(entered);
                        throw new IllegalStateException("database down");
                    },
                    entered);
            assertThat(results)
                    .allSatisfy(r -> assertThat(r)
                            .isInstanceOf(IllegalStateException.class)
                            .hasFieldOrPropertyWithValue("message", "database down"));
            assertThat(clients.get(0).cache("boom", key -> "recovered")).isEqualTo("recovered");
        } finally {
            clients.forEach(Memcache::close);
        }
    }

    @Test
    void invalidatedValueIsServedStaleWhileOneCallerRefreshes(MemcachedServer server) throws Exception {
        List<Memcache<String>> clients = clients(server, 2);
        try {
            Memcache<String> a = clients.get(0);
            a.set("page", "old");
            assertThat(a.invalidate("page")).isTrue();
            AtomicInteger loads = new AtomicInteger();
            CountDownLatch release = new CountDownLatch(1);
            Function<String, String> loader = key -> {
                loads.incrementAndGet();
                awaitQuietly(release);
                return "new";
            };
            assertThat(a.cache("page", loader)).isEqualTo("old");
            assertThat(clients.get(1).cache("page", loader)).isEqualTo("old");
            release.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!"new".equals(clients.get(1).async().get("page").get())) {
                assertThat(System.nanoTime() - deadline)
                        .as("refreshed value never stored")
                        .isNegative();
                Thread.onSpinWait();
            }
            assertThat(loads).hasValue(1);
        } finally {
            clients.forEach(Memcache::close);
        }
    }

    @Test
    void refreshAheadRefreshesInBackgroundOnce(MemcachedServer server) throws Exception {
        try (Memcache<String> mc = clients(server, 1).get(0)) {
            AtomicInteger loads = new AtomicInteger();
            Store options = Store.ttl(Duration.ofSeconds(10)).refreshAhead(Duration.ofSeconds(60));
            mc.set("warm", "first", Store.ttl(Duration.ofSeconds(10)));
            assertThat(mc.cache("warm", key -> "refreshed-" + loads.incrementAndGet(), options))
                    .isEqualTo("first");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!"refreshed-1".equals(mc.async().get("warm").get())) {
                assertThat(System.nanoTime() - deadline)
                        .as("background refresh never stored")
                        .isNegative();
                Thread.onSpinWait();
            }
            assertThat(loads).hasValue(1);
        }
    }

    @Test
    void textProtocolFallsBackToGetLoadSet(MemcachedServer server) {
        try (Memcache<String> mc =
                Memcache.builder().servers(server.uri()).protocol(Protocol.TEXT).build()) {
            AtomicInteger loads = new AtomicInteger();
            assertThat(mc.cache("t", key -> "x" + loads.incrementAndGet())).isEqualTo("x1");
            assertThat(mc.cache("t", key -> "x" + loads.incrementAndGet())).isEqualTo("x1");
            assertThat(loads).hasValue(1);
            assertThatThrownBy(() -> mc.cache("t2", key -> null)).isInstanceOf(NullPointerException.class);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
