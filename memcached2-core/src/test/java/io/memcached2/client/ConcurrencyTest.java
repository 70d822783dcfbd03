package io.memcached2.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcached2.Item;
import io.memcached2.Memcache;
import io.memcached2.NoValue;
import io.memcached2.Protocol;
import io.memcached2.testkit.MemcachedExtension;
import io.memcached2.testkit.MemcachedServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One client shared by many threads. Every value names its key, so a reply handed to the wrong caller shows as a
 * value that does not belong to the key read.
 */
@ExtendWith(MemcachedExtension.class)
class ConcurrencyTest {
    private static final int THREADS = 32;
    private static final int TASKS = 2_000;
    private static final int SHARED_KEYS = 16;

    private static String valueFor(String key, String writer) {
        int pad = ThreadLocalRandom.current().nextInt(0, 200);
        return key + "|" + writer + "|" + "p".repeat(pad);
    }

    private static void check(ConcurrentLinkedQueue<String> wrong, String key, String value) {
        if (value != null && !value.startsWith(key + "|")) {
            wrong.add("read " + key + " and got a value of another key: " + value);
        }
    }

    /** One task's work: its own keys, the shared keys, blocking and async, single and multi-key. */
    private static void task(Memcache<String> mc, int task, ConcurrentLinkedQueue<String> wrong) {
        String writer = "task" + task;
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String key = "own:" + task + ":" + i;
            mine.add(key);
            String v = valueFor(key, writer);
            mc.set(key, v);
            String read = mc.get(key);
            if (!v.equals(read)) {
                wrong.add("own key " + key + ": wrote " + v + " read " + read);
            }
        }
        String shared = "shared:" + (task % SHARED_KEYS);
        mc.set(shared, valueFor(shared, writer));
        String other = "shared:" + ThreadLocalRandom.current().nextInt(SHARED_KEYS);
        check(wrong, other, mc.get(other));
        Item<String> it = mc.gets(other);
        check(wrong, other, it.value());
        if (!it.key().equals(other)) {
            wrong.add("gets " + other + " returned an item of " + it.key());
        }
        List<String> many = new ArrayList<>(mine);
        many.add(shared);
        many.add(other);
        many.add("never:" + task);
        Map<String, String> hits = mc.getMulti(many);
        hits.forEach((k, v) -> check(wrong, k, v));
        if (!hits.keySet().containsAll(mine) || hits.containsKey("never:" + task)) {
            wrong.add("getMulti of " + many + " returned keys " + hits.keySet());
        }
        CompletableFuture<String> a = mc.async().get(mine.get(0));
        CompletableFuture<String> b = mc.async().get("never:" + task);
        check(wrong, mine.get(0), a.join());
        if (b.join() != null) {
            wrong.add("a miss returned " + b.join());
        }
        try {
            mc.get("never:" + task);
            wrong.add("a miss did not throw NoValue");
        } catch (NoValue expected) {
            // a miss
        }
        long n = mc.incr("counter", 1);
        if (n <= 0) {
            wrong.add("counter went to " + n);
        }
    }

    private static void runWorkload(Memcache<String> mc, ExecutorService pool) throws Exception {
        mc.set("counter", "0");
        for (int i = 0; i < SHARED_KEYS; i++) {
            mc.set("shared:" + i, valueFor("shared:" + i, "seed"));
        }
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        AtomicInteger done = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < TASKS; t++) {
            int task = t;
            futures.add(pool.submit(() -> {
                try {
                    task(mc, task, wrong);
                    done.incrementAndGet();
                } catch (Throwable e) {
                    errors.add(e);
                }
            }));
        }
        for (Future<?> f : futures) {
            f.get(60, TimeUnit.SECONDS);
        }
        assertThat(errors).as("exceptions in tasks").isEmpty();
        assertThat(wrong).as("values read under the wrong key").isEmpty();
        assertThat(done).hasValue(TASKS);
        assertThat(mc.incr("counter", 0)).as("every increment counted once").isEqualTo(TASKS);
        for (int i = 0; i < SHARED_KEYS; i++) {
            String key = "shared:" + i;
            assertThat(mc.get(key)).startsWith(key + "|");
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"META", "TEXT", "BINARY"})
    void manyPlatformThreadsShareOneClient(Protocol protocol, MemcachedServer server) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try (Memcache<String> mc =
                Support.client(protocol, server.uri(), b -> b.operationTimeout(Duration.ofSeconds(10)))) {
            runWorkload(mc, pool);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void virtualThreadsShareOneClient(MemcachedServer server) throws Exception {
        ExecutorService pool;
        try {
            pool = (ExecutorService)
                    Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (NoSuchMethodException e) {
            Assumptions.abort("virtual threads need Java 21 or later; this runtime is Java " + Runtime.version());
            return;
        }
        try (Memcache<String> mc =
                Support.client(Protocol.META, server.uri(), b -> b.operationTimeout(Duration.ofSeconds(10)))) {
            runWorkload(mc, pool);
        } finally {
            pool.shutdownNow();
        }
    }
}
