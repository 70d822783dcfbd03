package io.memcached2.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.memcached2.Memcache;
import io.memcached2.Protocol;
import io.memcached2.Store;
import io.memcached2.testkit.MemcachedExtension;
import io.memcached2.testkit.MemcachedServer;
import io.memcached2.testsupport.Poll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * cache() tells a lease placeholder (the server's empty, flags-0 stub that a read with {@code N} creates) from a
 * real empty value by what the server says about the lease: a real empty value is a hit, returned at once without
 * calling the loader, and a placeholder is never returned as a value.
 */
@ExtendWith(MemcachedExtension.class)
class EmptyValueLeaseTest {
    /** Far below the 30 s lease a placeholder wait would take, and generous for a busy machine. */
    private static final Duration AT_ONCE = Duration.ofSeconds(5);

    private static final Duration WAIT = Duration.ofSeconds(20);

    private static Memcache<String> client(MemcachedServer server) {
        return Memcache.builder()
                .servers(server.uri())
                .protocol(Protocol.META)
                .operationTimeout(Duration.ofSeconds(2))
                .build();
    }

    private static Function<String, String> counting(AtomicInteger loads) {
        return key -> "loaded-" + key + "-" + loads.incrementAndGet();
    }

    @Test
    void emptyValueSetByThisClientIsReturnedAtOnce(MemcachedServer server) throws Exception {
        try (Memcache<String> mc = client(server)) {
            AtomicInteger loads = new AtomicInteger();
            mc.set("k", "");
            assertThat(assertTimeoutPreemptively(AT_ONCE, () -> mc.cache("k", counting(loads))))
                    .isEmpty();
            assertThat(mc.async().cache("k", counting(loads)).get(AT_ONCE.toMillis(), TimeUnit.MILLISECONDS))
                    .isEmpty();
            assertThat(loads).hasValue(0);
        }
    }

    @Test
    void emptyValueStoredByAnotherClientIsReturnedAtOnce(MemcachedServer server) throws Exception {
        try (Memcache<String> mc = client(server);
                RawMeta other = new RawMeta(server)) {
            AtomicInteger loads = new AtomicInteger();
            assertThat(other.store("k", "", 0)).isEqualTo("HD");
            assertThat(mc.async().cache("k", counting(loads)).get(AT_ONCE.toMillis(), TimeUnit.MILLISECONDS))
                    .isEmpty();
            assertThat(assertTimeoutPreemptively(AT_ONCE, () -> mc.cache("k", counting(loads))))
                    .isEmpty();
            assertThat(loads).hasValue(0);
        }
    }

    @Test
    void emptyValueALoaderReturnedIsAHitForEveryClient(MemcachedServer server) throws Exception {
        try (Memcache<String> a = client(server);
                Memcache<String> b = client(server)) {
            AtomicInteger loads = new AtomicInteger();
            assertThat(a.cache("k", key -> {
                        loads.incrementAndGet();
                        return "";
                    }))
                    .isEmpty();
            assertThat(assertTimeoutPreemptively(AT_ONCE, () -> b.cache("k", counting(loads))))
                    .isEmpty();
            assertThat(b.async().cache("k", counting(loads)).get(AT_ONCE.toMillis(), TimeUnit.MILLISECONDS))
                    .isEmpty();
            assertThat(loads).hasValue(1);
        }
    }

    /**
     * Early refresh would hand one reader the lease on the empty value, and every other reader would then see it
     * exactly as a placeholder: an empty value is served as it is and left to expire.
     */
    @Test
    void emptyValueInsideItsRefreshWindowIsReturnedAtOnce(MemcachedServer server) throws Exception {
        try (Memcache<String> a = client(server);
                Memcache<String> b = client(server)) {
            AtomicInteger loads = new AtomicInteger();
            Store refreshing = Store.ttl(Duration.ofSeconds(100)).refreshAhead(Duration.ofSeconds(300));
            a.set("k", "", Store.ttl(Duration.ofSeconds(100)));
            assertThat(assertTimeoutPreemptively(AT_ONCE, () -> a.cache("k", counting(loads), refreshing)))
                    .isEmpty();
            assertThat(b.async().cache("k", counting(loads), refreshing).get(AT_ONCE.toMillis(), TimeUnit.MILLISECONDS))
                    .isEmpty();
            assertThat(assertTimeoutPreemptively(AT_ONCE, () -> b.cache("k", counting(loads), refreshing)))
                    .isEmpty();
            assertThat(loads).hasValue(0);
        }
    }

    @Test
    void placeholderHeldByAnotherClientIsWaitedForNotReturned(MemcachedServer server) throws Exception {
        try (Memcache<String> a = client(server);
                Memcache<String> b = client(server);
                RawMeta winner = new RawMeta(server)) {
            AtomicInteger loads = new AtomicInteger();
            long lease = winner.takeLease("k", 30);
            List<CompletableFuture<String>> waiting = new ArrayList<>();
            for (Memcache<String> mc : List.of(a, b)) {
                for (int i = 0; i < 3; i++) {
                    waiting.add(mc.async().cache("k", counting(loads)));
                }
            }
            assertThat(waiting).noneMatch(CompletableFuture::isDone);
            assertThat(winner.store("k", "from-the-winner", lease)).isEqualTo("HD");
            for (CompletableFuture<String> f : waiting) {
                assertThat(f.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("from-the-winner");
            }
            assertThat(loads).hasValue(0);
        }
    }

    @Test
    void placeholderWhoseWinnerDiedIsLoadedOnceWhenItsLeaseEnds(MemcachedServer server) throws Exception {
        try (Memcache<String> a = client(server);
                Memcache<String> b = client(server);
                RawMeta winner = new RawMeta(server)) {
            AtomicInteger loads = new AtomicInteger();
            winner.takeLease("k", 2);
            winner.close();
            List<CompletableFuture<String>> waiting = new ArrayList<>();
            for (Memcache<String> mc : List.of(a, b)) {
                for (int i = 0; i < 3; i++) {
                    waiting.add(mc.async().cache("k", counting(loads)));
                }
            }
            for (CompletableFuture<String> f : waiting) {
                assertThat(f.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("loaded-k-1");
            }
            assertThat(loads).hasValue(1);
        }
    }

    /**
     * {@code invalidate} on a placeholder marks it stale, and the next reader wins it ({@code X W}): that reader
     * loads, and no reader takes the stale placeholder for an empty value.
     */
    @Test
    void invalidatedPlaceholderIsLoadedNotReturned(MemcachedServer server) throws Exception {
        try (Memcache<String> a = client(server);
                Memcache<String> b = client(server);
                RawMeta winner = new RawMeta(server)) {
            AtomicInteger loads = new AtomicInteger();
            CountDownLatch release = new CountDownLatch(1);
            winner.takeLease("k", 30);
            assertThat(a.invalidate("k")).isTrue();
            CompletableFuture<String> loading = a.async().cache("k", key -> {
                loads.incrementAndGet();
                awaitQuietly(release);
                return "fresh";
            });
            Poll.until("the stale placeholder's new winner to start loading", WAIT, () -> loads.get() == 1);
            CompletableFuture<String> waiting = b.async().cache("k", counting(loads));
            release.countDown();
            assertThat(loading.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("fresh");
            assertThat(waiting.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("fresh");
            assertThat(loads).hasValue(1);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
