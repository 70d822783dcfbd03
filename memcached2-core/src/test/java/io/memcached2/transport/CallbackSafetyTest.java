package io.memcached2.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcached2.Memcache;
import io.memcached2.Protocol;
import io.memcached2.testkit.FakeServer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Issue 13, item 6: a slow callback delays nobody else, and a full executor never puts user code on an I/O thread. */
class CallbackSafetyTest {
    /** Both replies arrive in one read, so before they were completed one after the other in one task. */
    private static FakeServer twoRepliesInOneWrite() {
        FakeServer fake = FakeServer.start();
        fake.onCommand(line -> line.equals("get slow"), line -> null);
        fake.whenLineStartsWith("get fast", "VALUE slow 0 1\r\ns\r\nEND\r\nVALUE fast 0 1\r\nf\r\nEND\r\n");
        return fake;
    }

    @Test
    void aBlockingCallbackDoesNotHoldUpAnotherCompletion() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (FakeServer fake = twoRepliesInOneWrite();
                Memcache<String> mc = Memcache.builder()
                        .servers(fake.uri())
                        .protocol(Protocol.TEXT)
                        .operationTimeout(Duration.ofSeconds(10))
                        .build()) {
            CompletableFuture<String> slow = mc.async().get("slow");
            CompletableFuture<Void> blocked = slow.thenAccept(v -> {
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            CompletableFuture<String> fast = mc.async().get("fast");
            assertThat(fast.get(30, TimeUnit.SECONDS)).isEqualTo("f");
            assertThat(slow.get(30, TimeUnit.SECONDS)).isEqualTo("s");
            assertThat(blocked).isNotDone();
        } finally {
            release.countDown();
        }
    }

    @Test
    void completionsAFullExecutorRefusesNeverRunOnAnIoThread() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ThreadPoolExecutor full = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1));
        try (FakeServer fake = FakeServer.start();
                Memcache<String> mc = Memcache.builder()
                        .servers(fake.uri())
                        .protocol(Protocol.TEXT)
                        .callbackExecutor(full)
                        .operationTimeout(Duration.ofSeconds(10))
                        .build()) {
            fake.whenLineStartsWith("get ", "END\r\n");
            full.execute(() -> {
                try {
                    release.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            full.execute(() -> {}); // the queue's one place is taken: the executor refuses everything now
            Set<String> threads = ConcurrentHashMap.newKeySet();
            List<CompletableFuture<Void>> done = new java.util.ArrayList<>();
            for (int i = 0; i < 20; i++) {
                done.add(mc.async()
                        .get("k" + i)
                        .thenAccept(v -> threads.add(Thread.currentThread().getName())));
            }
            CompletableFuture.allOf(done.toArray(new CompletableFuture<?>[0])).get(10, TimeUnit.SECONDS);
            assertThat(threads).isNotEmpty().noneMatch(name -> name.startsWith("memcached2-io"));
        } finally {
            release.countDown();
            full.shutdownNow();
        }
    }
}
