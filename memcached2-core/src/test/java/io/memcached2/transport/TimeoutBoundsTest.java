package io.memcached2.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcached2.Memcache;
import io.memcached2.OperationTimeout;
import io.memcached2.Protocol;
import io.memcached2.ServerDisconnect;
import io.memcached2.testkit.FakeServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Issue 13, items 3 and 11: timeouts that hold whatever waited before, and failures each caller owns. */
class TimeoutBoundsTest {
    /**
     * Requests queued while the connection is made used to keep "connect deadline + operation timeout" after being
     * written (3 s with the defaults), and the sweep stopped at them, so every request behind them failed late too.
     */
    @Test
    void requestsQueuedDuringConnectGetTheOperationTimeoutOnceWritten() {
        try (FakeServer fake = FakeServer.start(); // answers the hello, then nothing
                Memcache<String> mc = Memcache.builder()
                        .servers(fake.uri())
                        .protocol(Protocol.META)
                        .connectTimeout(Duration.ofSeconds(2))
                        .operationTimeout(Duration.ofSeconds(1))
                        .build()) {
            long start = System.nanoTime();
            List<CompletableFuture<String>> queued = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                queued.add(mc.async().get("queued-" + i));
            }
            fake.awaitReceived(21, Duration.ofSeconds(5)); // the hello and every get: all written
            long written = System.nanoTime();
            List<CompletableFuture<String>> later = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                later.add(mc.async().get("later-" + i));
            }
            for (CompletableFuture<String> f : queued) {
                assertThat(Waits.failureOf(f, Duration.ofSeconds(5))).isInstanceOf(OperationTimeout.class);
            }
            long queuedFailed = System.nanoTime();
            for (CompletableFuture<String> f : later) {
                assertThat(Waits.failureOf(f, Duration.ofSeconds(5))).isInstanceOf(OperationTimeout.class);
            }
            long laterFailed = System.nanoTime();
            // 1 s after being written, plus the timer's tick and a slow box's margin; never the 3 s of before
            assertThat(TimeUnit.NANOSECONDS.toMillis(queuedFailed - written)).isLessThan(2_000);
            assertThat(TimeUnit.NANOSECONDS.toMillis(laterFailed - written)).isLessThan(2_300);
            assertThat(TimeUnit.NANOSECONDS.toMillis(queuedFailed - start)).isGreaterThanOrEqualTo(900);
        }
    }

    /**
     * A connection loss fails every request on it with one exception made on the I/O thread; each caller must get
     * its own, naming its request and showing its own call, so no caller sees another's suppressed exceptions.
     */
    @Test
    void everyCallerOfALostConnectionGetsItsOwnException() throws Exception {
        try (FakeServer fake = FakeServer.start();
                Memcache<String> mc = Memcache.builder()
                        .servers(fake.uri())
                        .protocol(Protocol.TEXT)
                        .operationTimeout(Duration.ofSeconds(5))
                        .build()) {
            fake.whenLineStartsWith("get ready", "END\r\n");
            assertThat(mc.exceptionsAreMisses().get("ready")).isNull();
            List<CompletableFuture<String>> futures = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                keys.add("k" + i);
                futures.add(mc.async().get("k" + i));
            }
            Throwable[] blocking = new Throwable[1];
            Thread caller = new Thread(() -> blocking[0] = Waits.thrownBy(() -> mc.get("blocking-key")), "the-caller");
            caller.start();
            keys.add("blocking-key");
            // Concurrent gets may share one "get k3 k4 ..." line, so wait for the keys rather than count lines.
            fake.awaitWords(keys, Duration.ofSeconds(5));
            fake.closeConnections();
            caller.join(TimeUnit.SECONDS.toMillis(10));
            Set<Throwable> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
            for (int i = 0; i < futures.size(); i++) {
                Throwable t = Waits.failureOf(futures.get(i), Duration.ofSeconds(5));
                assertThat(t).isInstanceOf(ServerDisconnect.class).hasMessageContaining("GET 'k" + i + "'");
                distinct.add(t);
            }
            assertThat(distinct).hasSize(futures.size());
            assertThat(blocking[0]).isInstanceOf(ServerDisconnect.class).hasMessageContaining("blocking-key");
            assertThat(Arrays.stream(blocking[0].getStackTrace()).map(StackTraceElement::getMethodName))
                    .as("the blocking caller's own stack")
                    .anyMatch(m -> m.contains("everyCallerOfALostConnection"));
        }
    }

    /**
     * Once every request written on a connection has timed out and those requests fill the in-flight cap, nobody
     * waits for their replies, so the connection is replaced at once: a request sent after the timeouts must not be
     * refused as overloaded until the stale replies are read (up to a second before), nor take a reply that was
     * never its.
     */
    @Test
    void aConnectionWhoseEveryRequestTimedOutIsReplacedAtOnce() {
        try (FakeServer fake = FakeServer.start();
                Memcache<String> mc = Memcache.builder()
                        .servers(fake.uri())
                        .protocol(Protocol.TEXT)
                        .connectionsPerServer(1)
                        .maxInFlight(3)
                        .operationTimeout(Duration.ofMillis(300))
                        .build()) {
            List<CompletableFuture<String>> lost = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                lost.add(mc.async().get("lost-" + i));
            }
            fake.awaitWords(List.of("lost-0", "lost-1", "lost-2"), Duration.ofSeconds(5));
            for (CompletableFuture<String> f : lost) {
                assertThat(Waits.failureOf(f, Duration.ofSeconds(5))).isInstanceOf(OperationTimeout.class);
            }
            fake.whenLineStartsWith("get ", "END\r\n");
            long start = System.nanoTime();
            assertThat(mc.async().get("after").join())
                    .as("a miss, answered on a new connection")
                    .isNull();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(300);
            assertThat(fake.connectionCount()).isEqualTo(2);
        }
    }

    /** 16,000 requests expiring together cost one exception on the I/O thread, not 16,000 stack traces. */
    @Test
    void aMassTimeoutFailsEveryRequestPromptly() {
        try (FakeServer fake = FakeServer.start();
                Memcache<String> mc = Memcache.builder()
                        .servers(fake.uri())
                        .protocol(Protocol.META)
                        .operationTimeout(Duration.ofMillis(500))
                        .build()) {
            fake.awaitReceived(1, Duration.ofSeconds(5));
            List<CompletableFuture<String>> futures = new ArrayList<>();
            for (int i = 0; i < 16_000; i++) {
                futures.add(mc.async().get("mass-" + i));
            }
            long start = System.nanoTime();
            for (CompletableFuture<String> f : futures) {
                assertThat(Waits.failureOf(f, Duration.ofSeconds(10))).isInstanceOf(OperationTimeout.class);
            }
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5_000);
        }
    }
}
