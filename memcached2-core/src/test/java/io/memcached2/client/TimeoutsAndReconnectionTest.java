package io.memcached2.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memcached2.Memcache;
import io.memcached2.OperationTimeout;
import io.memcached2.Overloaded;
import io.memcached2.Protocol;
import io.memcached2.Reconnectors;
import io.memcached2.ServerDisconnect;
import io.memcached2.testkit.FakeServer;
import io.memcached2.testkit.FaultProxy;
import io.memcached2.testkit.MemcachedExtension;
import io.memcached2.testkit.MemcachedServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Operation timeouts with late replies, stuck connections, the in-flight cap, reconnection after a server dies, and
 * blocking calls on I/O threads, against a real memcached behind a fault-injecting proxy.
 */
@ExtendWith(MemcachedExtension.class)
class TimeoutsAndReconnectionTest {
    private static final Duration TIMEOUT = Duration.ofMillis(400);
    /** Allowance for a busy 2-core machine on top of the operation timeout. */
    private static final long MARGIN_MS = 600;

    private static final Duration WAIT = Duration.ofSeconds(5);

    /**
     * The first request also waits for the connection (and a cold JVM's class loading), which may take longer than
     * a short operation timeout on a busy machine: wait until the client answers before the test proper.
     */
    static void warmUp(Memcache<String> mc) {
        Support.await("the client to connect", WAIT, () -> Support.thrownBy(() -> mc.set("warm", "up")) == null);
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"META", "TEXT", "BINARY"})
    void lateRepliesAreDroppedNeverHandedToTheNextCaller(Protocol protocol, MemcachedServer server) {
        try (FaultProxy proxy = FaultProxy.to(server);
                Memcache<String> mc = Support.client(protocol, proxy.uri(), b -> b.operationTimeout(TIMEOUT))) {
            warmUp(mc);
            for (int i = 0; i < 20; i++) {
                mc.set("k" + i, "value of k" + i);
            }
            proxy.latency(Duration.ofMillis(700));
            long start = System.nanoTime();
            assertThatThrownBy(() -> mc.get("k0")).isInstanceOf(OperationTimeout.class);
            long elapsed = Support.millisSince(start);
            assertThat(elapsed)
                    .as("time to OperationTimeout (ms)")
                    .isGreaterThanOrEqualTo(TIMEOUT.toMillis() - 50)
                    .isLessThan(TIMEOUT.toMillis() + MARGIN_MS);
            List<CompletableFuture<String>> late = new ArrayList<>();
            for (int i = 1; i < 5; i++) {
                late.add(mc.async().get("k" + i));
            }
            for (CompletableFuture<String> f : late) {
                assertThat(Support.failureOf(f, WAIT)).isInstanceOf(OperationTimeout.class);
            }
            proxy.latency(Duration.ZERO);
            // the late replies (values of k0..k4) are still on their way; each call must get its own value or time out
            AtomicReference<String> firstSuccess = new AtomicReference<>();
            int[] attempt = {5};
            Support.await("a call to succeed after the latency is gone", WAIT, () -> {
                String key = "k" + attempt[0]++;
                Throwable t = Support.thrownBy(() -> {
                    String v = mc.get(key);
                    assertThat(v).as("value read for %s", key).isEqualTo("value of " + key);
                    firstSuccess.set(key);
                });
                if (t instanceof AssertionError) {
                    throw (AssertionError) t;
                }
                assertThat(t)
                        .as("failure of %s", key)
                        .satisfiesAnyOf(
                                x -> assertThat(x).isNull(), x -> assertThat(x).isInstanceOf(OperationTimeout.class));
                return t == null || attempt[0] >= 20;
            });
            assertThat(firstSuccess.get()).as("some call succeeded").isNotNull();
            for (int i = 0; i < 20; i++) {
                assertThat(mc.get("k" + i)).isEqualTo("value of k" + i);
            }
            assertThat(mc.getMulti(List.of("k1", "k2"))).containsOnlyKeys("k1", "k2");
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"META", "TEXT", "BINARY"})
    void lateMultiGetRepliesAreDroppedToo(Protocol protocol, MemcachedServer server) {
        try (FaultProxy proxy = FaultProxy.to(server);
                Memcache<String> mc = Support.client(protocol, proxy.uri(), b -> b.operationTimeout(TIMEOUT))) {
            warmUp(mc);
            Map<String, String> all = new LinkedHashMap<>();
            for (int i = 0; i < 40; i++) {
                all.put("m" + i, "value of m" + i);
            }
            mc.setMulti(all);
            proxy.latency(Duration.ofMillis(700));
            long start = System.nanoTime();
            assertThatThrownBy(() -> mc.getMulti(List.of("m0", "m1", "m2", "m3")))
                    .isInstanceOf(OperationTimeout.class);
            assertThat(Support.millisSince(start)).isLessThan(TIMEOUT.toMillis() + MARGIN_MS);
            assertThat(Support.failureOf(mc.async().getsMulti(List.of("m4", "m5", "nope")), WAIT))
                    .isInstanceOf(OperationTimeout.class);
            proxy.latency(Duration.ZERO);
            int[] next = {6};
            Support.await("a multi-get to succeed after the latency is gone", WAIT, () -> {
                List<String> keys = List.of("m" + next[0], "m" + (next[0] + 1), "absent" + next[0]);
                next[0] += 2;
                Map<String, String> got;
                try {
                    got = mc.getMulti(keys);
                } catch (OperationTimeout e) {
                    return next[0] >= 38;
                }
                assertThat(got)
                        .as("hits for %s", keys)
                        .containsExactly(
                                Map.entry(keys.get(0), all.get(keys.get(0))),
                                Map.entry(keys.get(1), all.get(keys.get(1))));
                return true;
            });
            assertThat(mc.getMulti(all.keySet())).containsExactlyEntriesOf(all);
        }
    }

    /**
     * Latency that comes and goes around the operation timeout while 8 threads read: every call either times out
     * (or fails with another ServerDisconnect) or returns the value of its own key, never one meant for another call.
     */
    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"META", "TEXT", "BINARY"})
    void flappingLatencyNeverDeliversAWrongValue(Protocol protocol, MemcachedServer server) throws Exception {
        try (FaultProxy proxy = FaultProxy.to(server);
                Memcache<String> mc = Support.client(protocol, proxy.uri(), b -> b.operationTimeout(TIMEOUT))) {
            warmUp(mc);
            for (int i = 0; i < 50; i++) {
                mc.set("f" + i, "f" + i + "|value");
            }
            java.util.concurrent.ConcurrentLinkedQueue<String> wrong =
                    new java.util.concurrent.ConcurrentLinkedQueue<>();
            java.util.concurrent.atomic.AtomicInteger ok = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.atomic.AtomicInteger failed = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                Thread th = new Thread(() -> {
                    java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
                    while (!stop.get()) {
                        String key = "f" + r.nextInt(50);
                        try {
                            if (r.nextBoolean()) {
                                String v = mc.get(key);
                                if (!v.equals(key + "|value")) {
                                    wrong.add(key + " -> " + v);
                                }
                            } else {
                                String other = "f" + r.nextInt(50);
                                mc.getMulti(List.of(key, other)).forEach((k, v) -> {
                                    if (!v.equals(k + "|value")) {
                                        wrong.add("multi " + k + " -> " + v);
                                    }
                                });
                            }
                            ok.incrementAndGet();
                        } catch (ServerDisconnect e) {
                            failed.incrementAndGet();
                        } catch (Throwable e) {
                            wrong.add(key + " threw " + e);
                        }
                    }
                });
                th.start();
                threads.add(th);
            }
            // flip the latency each time the readers have finished another 8 calls (successes or failures)
            for (int flip = 0; flip < 4; flip++) {
                proxy.latency(flip % 2 == 0 ? Duration.ofMillis(TIMEOUT.toMillis() + 150) : Duration.ZERO);
                int before = ok.get() + failed.get();
                Support.await("8 more calls to finish", WAIT, () -> ok.get() + failed.get() >= before + 8);
            }
            proxy.latency(Duration.ZERO);
            stop.set(true);
            for (Thread th : threads) {
                th.join(10_000);
                assertThat(th.isAlive()).isFalse();
            }
            assertThat(wrong).as("wrong values or undocumented exceptions").isEmpty();
            assertThat(ok.get()).as("successful calls").isPositive();
            assertThat(failed.get()).as("timed-out calls").isPositive();
            awaitAnswer(mc);
        }
    }

    private static void awaitAnswer(Memcache<String> mc) {
        Support.await(
                "the client to answer again",
                WAIT,
                () -> Support.thrownBy(() -> assertThat(mc.get("f1")).isEqualTo("f1|value")) == null);
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"META", "TEXT", "BINARY"})
    void stuckConnectionIsClosedAndEveryRequestOnItFails(Protocol protocol, MemcachedServer server) {
        try (FaultProxy proxy = FaultProxy.to(server);
                Memcache<String> mc = Support.client(protocol, proxy.uri(), b -> b.operationTimeout(TIMEOUT))) {
            warmUp(mc);
            mc.set("k", "v");
            assertThat(proxy.connectionCount()).isEqualTo(1);
            proxy.stall(true);
            long start = System.nanoTime();
            List<CompletableFuture<String>> stuck = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                stuck.add(mc.async().get("k"));
            }
            for (CompletableFuture<String> f : stuck) {
                assertThat(Support.failureOf(f, WAIT)).isInstanceOf(OperationTimeout.class);
            }
            assertThat(Support.millisSince(start)).isLessThan(TIMEOUT.toMillis() + MARGIN_MS);
            // the oldest request is stuck far past its timeout: the client closes the connection and opens another
            Support.await("the stuck connection to be replaced", WAIT, () -> proxy.connectionCount() >= 2);
            proxy.stall(false);
            Support.await("requests to succeed again", WAIT, () -> {
                Throwable t = Support.thrownBy(() -> assertThat(mc.get("k")).isEqualTo("v"));
                assertThat(t)
                        .satisfiesAnyOf(
                                x -> assertThat(x).isNull(), x -> assertThat(x).isInstanceOf(ServerDisconnect.class));
                return t == null;
            });
        }
    }

    @Test
    void stuckFakeServerConnectionIsClosed() {
        try (FakeServer fake = FakeServer.start()) {
            fake.whenLineStartsWith("get ready", "END\r\n");
            try (Memcache<String> mc = Support.client(
                    Protocol.TEXT,
                    fake.uri(),
                    b -> b.operationTimeout(TIMEOUT).reconnector(Reconnectors.timed(Duration.ofMillis(50))))) {
                assertThat(mc.exceptionsAreMisses().get("ready")).isNull();
                // answered, then silent: the requests below are written and get no reply
                fake.stall(true);
                List<CompletableFuture<String>> futures = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    futures.add(mc.async().get("k" + i));
                }
                for (CompletableFuture<String> f : futures) {
                    assertThat(Support.failureOf(f, WAIT)).isInstanceOf(OperationTimeout.class);
                }
                Support.await(
                        "the client to close the stuck connection and reconnect",
                        WAIT,
                        () -> fake.connectionCount() >= 2);
                assertThat(fake.received()).contains("get k0", "get k4");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"META", "TEXT", "BINARY"})
    void inFlightCapFailsFastWithOverloaded(Protocol protocol, MemcachedServer server) {
        try (FaultProxy proxy = FaultProxy.to(server);
                Memcache<String> mc = Support.client(
                        protocol, proxy.uri(), b -> b.maxInFlight(4).operationTimeout(Duration.ofSeconds(4)))) {
            for (int i = 0; i < 4; i++) {
                mc.set("k" + i, "v" + i);
            }
            proxy.stall(true);
            List<CompletableFuture<String>> admitted = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                admitted.add(mc.async().get("k" + i));
            }
            CompletableFuture<String> refused = mc.async().get("k0");
            assertThat(refused).as("refused at once, not queued").isCompletedExceptionally();
            assertThat(Support.failureOf(refused, WAIT)).isInstanceOf(Overloaded.class);
            long start = System.nanoTime();
            assertThatThrownBy(() -> mc.get("k1"))
                    .isInstanceOf(Overloaded.class)
                    .hasMessageContaining("4");
            assertThatThrownBy(() -> mc.set("k1", "x")).isInstanceOf(Overloaded.class);
            assertThat(Support.millisSince(start)).as("fails fast").isLessThan(300);
            assertThat(admitted).noneMatch(CompletableFuture::isDone);
            proxy.stall(false);
            for (int i = 0; i < 4; i++) {
                assertThat(Support.valueOf(admitted.get(i), WAIT)).isEqualTo("v" + i);
            }
            assertThat(mc.get("k1")).isEqualTo("v1");
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"AUTO", "META", "TEXT"})
    void reconnectsAfterTheServerIsKilledAndRestarted(Protocol protocol, MemcachedServer server) {
        Duration maxBackoff = Duration.ofMillis(200);
        try (Memcache<String> mc = Support.client(
                protocol,
                server.uri(),
                b -> b.operationTimeout(TIMEOUT)
                        .reconnector(Reconnectors.exponential(Duration.ofMillis(10), maxBackoff)))) {
            warmUp(mc);
            mc.set("k", "before");
            server.kill();
            Support.await("the client to notice the server is gone", WAIT, () -> {
                Throwable t = Support.thrownBy(() -> mc.get("k"));
                assertThat(t)
                        .satisfiesAnyOf(
                                x -> assertThat(x).isNull(), x -> assertThat(x).isInstanceOf(ServerDisconnect.class));
                return t != null && !(t instanceof OperationTimeout);
            });
            for (int i = 0; i < 5; i++) {
                long start = System.nanoTime();
                assertThatThrownBy(() -> mc.get("k"))
                        .isExactlyInstanceOf(ServerDisconnect.class)
                        .hasMessageContaining("127.0.0.1:" + server.port());
                assertThat(Support.millisSince(start))
                        .as("fails fast while down")
                        .isLessThan(TIMEOUT.toMillis());
                assertThat(Support.failureOf(mc.async().set("k", "x"), WAIT)).isInstanceOf(ServerDisconnect.class);
            }
            server.restart();
            long restarted = System.nanoTime();
            Support.await(
                    "requests to succeed after the restart",
                    Duration.ofMillis(maxBackoff.toMillis() + 3000),
                    () -> Support.thrownBy(() -> mc.set("k", "after")) == null);
            assertThat(Support.millisSince(restarted)).isLessThan(maxBackoff.toMillis() + 3000);
            assertThat(mc.get("k")).isEqualTo("after");
            assertThat(mc.getMulti(List.of("k", "x"))).containsOnlyKeys("k");
        }
    }

    @Test
    void reconnectsWithTheImmediateReconnector(MemcachedServer server) {
        try (Memcache<String> mc = Support.client(
                Protocol.META, server.uri(), b -> b.operationTimeout(TIMEOUT).reconnector(Reconnectors.immediate()))) {
            warmUp(mc);
            mc.set("k", "before");
            server.kill();
            Support.await("requests to fail", WAIT, () -> Support.thrownBy(() -> mc.get("k")) != null);
            assertThatThrownBy(() -> mc.get("k")).isInstanceOf(ServerDisconnect.class);
            server.restart();
            Support.await(
                    "requests to succeed after the restart",
                    WAIT,
                    () -> Support.thrownBy(() -> mc.set("k", "after")) == null);
            assertThat(mc.get("k")).isEqualTo("after");
        }
    }

    @Test
    void blockingCallOnAnIoThreadIsRefused(MemcachedServer server) {
        // a direct callback executor runs completions on the I/O thread that read the reply: the one place a
        // caller can reach an I/O thread
        try (Memcache<String> mc =
                Support.client(Protocol.META, server.uri(), b -> b.callbackExecutor(Runnable::run))) {
            mc.set("k", "v");
            Thread test = Thread.currentThread();
            AtomicReference<Throwable> refused = new AtomicReference<>();
            AtomicReference<String> threadName = new AtomicReference<>();
            AtomicReference<String> asyncFromIo = new AtomicReference<>();
            Support.await("a callback to run on an I/O thread", WAIT, () -> {
                CompletableFuture<Void> done = mc.async().get("k").thenAccept(v -> {
                    if (Thread.currentThread() == test) {
                        return; // completed before the callback was attached; try again
                    }
                    threadName.set(Thread.currentThread().getName());
                    refused.set(Support.thrownBy(() -> mc.get("k")));
                    // asynchronous calls are fine there
                    mc.async().get("k").thenAccept(asyncFromIo::set);
                });
                Support.valueOf(done, WAIT);
                return refused.get() != null;
            });
            assertThat(threadName.get()).startsWith("memcached2-io");
            assertThat(refused.get()).isInstanceOf(IllegalStateException.class).hasMessageContaining("I/O thread");
            Support.await("the async call made on the I/O thread to complete", WAIT, () -> asyncFromIo.get() != null);
            assertThat(asyncFromIo.get()).isEqualTo("v");
        }
    }

    @Test
    void callbacksRunOffTheIoThreadsByDefault(MemcachedServer server) {
        try (Memcache<String> mc = Support.client(Protocol.META, server.uri())) {
            mc.set("k", "v");
            AtomicReference<Throwable> nested = new AtomicReference<>();
            AtomicReference<String> threadName = new AtomicReference<>();
            Support.valueOf(
                    mc.async().get("k").thenAccept(v -> {
                        threadName.set(Thread.currentThread().getName());
                        nested.set(
                                Support.thrownBy(() -> assertThat(mc.get("k")).isEqualTo("v")));
                    }),
                    WAIT);
            assertThat(threadName.get()).doesNotStartWith("memcached2-io");
            assertThat(nested.get()).as("a blocking call inside a callback").isNull();
        }
    }
}
