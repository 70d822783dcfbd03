package io.memcached2.layers;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcached2.Memcache;
import io.memcached2.testkit.MemcachedExtension;
import io.memcached2.testkit.MemcachedServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The map view's atomic methods, and the defaults built on them, under contention from several threads. */
@ExtendWith(MemcachedExtension.class)
class MemcacheMapConcurrencyTest {
    private static final int THREADS = 8;
    private static final int INCREMENTS = 250;

    /** Runs one task per thread, all released at once; @return their results */
    private static <T> List<T> race(IntFunction<Callable<T>> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                Callable<T> t = task.apply(i);
                futures.add(pool.submit(() -> {
                    start.await();
                    return t.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(30, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void mergeCountsExactly(MemcachedServer server) throws Exception {
        try (Memcache<Long> mc = Clients.longs(server)) {
            ConcurrentMap<String, Long> map = mc.asMap();

            race(i -> () -> {
                for (int n = 0; n < INCREMENTS; n++) {
                    map.merge("count", 1L, Long::sum);
                }
                return null;
            });
            assertThat(mc.get("count")).isEqualTo((long) THREADS * INCREMENTS);
        }
    }

    @Test
    void computeCountsExactly(MemcachedServer server) throws Exception {
        try (Memcache<Long> mc = Clients.longs(server)) {
            ConcurrentMap<String, Long> map = mc.asMap();

            race(i -> () -> {
                for (int n = 0; n < INCREMENTS; n++) {
                    map.compute("count", (k, v) -> v == null ? 1L : v + 1);
                }
                return null;
            });
            assertThat(map.get("count")).isEqualTo((long) THREADS * INCREMENTS);
        }
    }

    @Test
    void exactlyOnePutIfAbsentWins(MemcachedServer server) throws Exception {
        try (Memcache<String> mc = Clients.strings(server)) {
            ConcurrentMap<String, String> map = mc.asMap();

            List<String> seen = race(i -> () -> map.putIfAbsent("k", "thread-" + i));
            String winner = map.get("k");
            assertThat(seen).containsOnlyOnce((String) null);
            assertThat(seen.stream().filter(s -> s != null))
                    .hasSize(THREADS - 1)
                    .containsOnly(winner);
        }
    }

    @Test
    void computeIfAbsentAgreesOnOneValue(MemcachedServer server) throws Exception {
        try (Memcache<String> mc = Clients.strings(server)) {
            ConcurrentMap<String, String> map = mc.asMap();

            List<String> seen = race(i -> () -> map.computeIfAbsent("k", k -> "thread-" + i));
            assertThat(seen).containsOnly(map.get("k"));
        }
    }

    @Test
    void exactlyOneConditionalRemoveWins(MemcachedServer server) throws Exception {
        try (Memcache<String> mc = Clients.strings(server)) {
            ConcurrentMap<String, String> map = mc.asMap();
            mc.set("k", "v");

            assertThat(race(i -> () -> map.remove("k", "v"))).containsOnlyOnce(true);
            assertThat(map.containsKey("k")).isFalse();
        }
    }

    @Test
    void exactlyOneConditionalReplaceOfAValueWins(MemcachedServer server) throws Exception {
        try (Memcache<String> mc = Clients.strings(server)) {
            ConcurrentMap<String, String> map = mc.asMap();
            mc.set("k", "start");

            List<Boolean> won = race(i -> () -> map.replace("k", "start", "thread-" + i));
            assertThat(won).containsOnlyOnce(true);
            assertThat(map.get("k")).isEqualTo("thread-" + won.indexOf(true));
        }
    }
}
