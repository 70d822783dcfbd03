package io.memcached2.lease;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcached2.AsyncMemcache;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * cache() never parks a completion thread: slow loaders, leases held by another client and background refreshes
 * leave the client's two callback threads free, so a plain async get still completes.
 */
@ExtendWith(MemcachedExtension.class)
class CacheThreadsTest {
    private static final int CALLBACK_THREADS = 2;
    /** More cache() calls than callback threads. */
    private static final int CALLS = CALLBACK_THREADS + 1;

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Longer than any wait of the test, so that a blocked loader still blocks when the test looks. */
    private static final Duration LOADER_BLOCKS_AT_MOST = WAIT.multipliedBy(3);

    private ExecutorService callbacks;
    private CountDownLatch release;

    @BeforeEach
    void twoCallbackThreads() {
        callbacks = Executors.newFixedThreadPool(CALLBACK_THREADS);
        release = new CountDownLatch(1);
    }

    @AfterEach
    void stop() {
        release.countDown();
        callbacks.shutdownNow();
    }

    private Memcache<String> client(MemcachedServer server) {
        return Memcache.builder()
                .servers(server.uri())
                .protocol(Protocol.META)
                .callbackExecutor(callbacks)
                .operationTimeout(Duration.ofSeconds(2))
                .build();
    }

    /** A loader that counts its calls and blocks until the test releases it. */
    private Function<String, String> blocking(AtomicInteger entered) {
        return key -> {
            entered.incrementAndGet();
            try {
                if (!release.await(LOADER_BLOCKS_AT_MOST.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new AssertionError("loader never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "new-" + key;
        };
    }

    private static void assertGetCompletes(AsyncMemcache<String> a) throws Exception {
        CompletableFuture<String> get = a.get("unrelated");
        assertThat(get.get(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                .as("a plain get while cache() calls wait")
                .isEqualTo("there");
    }

    private static String valueOf(AsyncMemcache<String> a, String key) {
        try {
            return a.get(key).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("get " + key, e);
        }
    }

    @Test
    void slowLoadersLeaveCompletionsRunning(MemcachedServer server) throws Exception {
        try (Memcache<String> mc = client(server)) {
            mc.set("unrelated", "there");
            AtomicInteger entered = new AtomicInteger();
            List<CompletableFuture<String>> loading = new ArrayList<>();
            for (int i = 0; i < CALLS; i++) {
                loading.add(mc.async().cache("slow" + i, blocking(entered)));
            }
            Poll.until("loaders to start", WAIT, () -> entered.get() >= CALLBACK_THREADS);
            assertGetCompletes(mc.async());
            release.countDown();
            for (int i = 0; i < CALLS; i++) {
                assertThat(loading.get(i).get(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                        .isEqualTo("new-slow" + i);
            }
            assertThat(entered).hasValue(CALLS);
        }
    }

    @Test
    void leasesHeldByAnotherClientLeaveCompletionsRunning(MemcachedServer server) throws Exception {
        try (Memcache<String> mc = client(server);
                RawMeta other = new RawMeta(server)) {
            mc.set("unrelated", "there");
            long[] leases = new long[CALLS];
            for (int i = 0; i < CALLS; i++) {
                leases[i] = other.takeLease("held" + i, 30);
            }
            AtomicInteger entered = new AtomicInteger();
            List<CompletableFuture<String>> waiting = new ArrayList<>();
            for (int i = 0; i < CALLS; i++) {
                waiting.add(mc.async().cache("held" + i, blocking(entered)));
            }
            assertGetCompletes(mc.async());
            for (int i = 0; i < CALLS; i++) {
                assertThat(other.store("held" + i, "stored-elsewhere", leases[i]))
                        .isEqualTo("HD");
            }
            for (CompletableFuture<String> f : waiting) {
                assertThat(f.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("stored-elsewhere");
            }
            assertThat(entered).hasValue(0);
        }
    }

    @Test
    void backgroundRefreshesLeaveCompletionsRunning(MemcachedServer server) throws Exception {
        try (Memcache<String> mc = client(server)) {
            mc.set("unrelated", "there");
            Store shortLived = Store.ttl(Duration.ofSeconds(100));
            Store refreshing = shortLived.refreshAhead(Duration.ofSeconds(300));
            AtomicInteger entered = new AtomicInteger();
            for (int i = 0; i < CALLS; i++) {
                mc.set("warm" + i, "old", shortLived);
                assertThat(mc.cache("warm" + i, blocking(entered), refreshing)).isEqualTo("old");
            }
            Poll.until("background refreshes to start", WAIT, () -> entered.get() >= CALLBACK_THREADS);
            assertGetCompletes(mc.async());
            release.countDown();
            for (int i = 0; i < CALLS; i++) {
                String key = "warm" + i;
                Poll.until("refreshed " + key, WAIT, () -> ("new-" + key).equals(valueOf(mc.async(), key)));
            }
            assertThat(entered).hasValue(CALLS);
        }
    }

    @Test
    void staleWinRefreshLeavesCompletionsRunning(MemcachedServer server) throws Exception {
        try (Memcache<String> mc = client(server)) {
            mc.set("unrelated", "there");
            AtomicInteger entered = new AtomicInteger();
            for (int i = 0; i < CALLS; i++) {
                mc.set("stale" + i, "old");
                assertThat(mc.invalidate("stale" + i)).isTrue();
                assertThat(mc.async().cache("stale" + i, blocking(entered)).get(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                        .isEqualTo("old");
            }
            Poll.until("background refreshes to start", WAIT, () -> entered.get() >= CALLBACK_THREADS);
            assertGetCompletes(mc.async());
            release.countDown();
            for (int i = 0; i < CALLS; i++) {
                String key = "stale" + i;
                Poll.until("refreshed " + key, WAIT, () -> ("new-" + key).equals(valueOf(mc.async(), key)));
            }
        }
    }

    @Test
    void blockingCacheRunsTheLoaderOnTheCallingThread(MemcachedServer server) {
        try (Memcache<String> mc = client(server)) {
            AtomicReference<Thread> ran = new AtomicReference<>();
            assertThat(mc.cache("here", key -> {
                        ran.set(Thread.currentThread());
                        return "v";
                    }))
                    .isEqualTo("v");
            assertThat(ran.get()).isSameAs(Thread.currentThread());
        }
    }

    @Test
    void blockingAndAsyncCallersShareOneLoad(MemcachedServer server) throws Exception {
        try (Memcache<String> mc = client(server)) {
            AtomicInteger entered = new AtomicInteger();
            Function<String, String> loader = blocking(entered);
            AtomicReference<String> blockingResult = new AtomicReference<>();
            Thread caller = new Thread(() -> blockingResult.set(mc.cache("shared", loader)), "blocking-caller");
            caller.start();
            Poll.until("the blocking caller's load to start", WAIT, () -> entered.get() == 1);
            CompletableFuture<String> joined = mc.async().cache("shared", loader);
            release.countDown();
            assertThat(joined.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("new-shared");
            caller.join(WAIT.toMillis());
            assertThat(blockingResult.get()).isEqualTo("new-shared");
            assertThat(entered).hasValue(1);
        }
    }
}
