package io.memcached2.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.memcached2.Memcache;
import io.memcached2.MultiStorageException;
import io.memcached2.OperationTimeout;
import io.memcached2.Protocol;
import io.memcached2.ServerDisconnect;
import io.memcached2.ServerStats;
import io.memcached2.StoreResult;
import io.memcached2.testkit.FakeServer;
import io.memcached2.testkit.FaultProxy;
import io.memcached2.testkit.MemcachedExtension;
import io.memcached2.testkit.MemcachedServer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The blocking calls that send several requests (or one request in several steps) end within the operation timeout
 * plus the stated margin, whatever the completion path does: here a callback executor that accepts every task and
 * never runs one, so that no future of the client ever completes.
 */
@ExtendWith(MemcachedExtension.class)
class BlockingBoundsTest {
    private static final Duration TIMEOUT = Duration.ofMillis(400);
    /** The margin the blocking calls promise (250 ms), plus what a busy machine may add. */
    private static final long SLACK_MS = 250 + 1_500;
    /** Far past any bound: a call still running by then waits on something that never happens. */
    private static final Duration HANG = Duration.ofSeconds(20);

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Executor NEVER = task -> {};

    /** Runs the call, which must end within one step's bound, and checks what it returned or threw. */
    private static void bounded(int steps, Runnable call, Consumer<Throwable> outcome) {
        long start = System.nanoTime();
        Throwable thrown = assertTimeoutPreemptively(HANG, () -> Support.thrownBy(call));
        assertThat(Support.millisSince(start)).as("time taken").isLessThan(steps * (TIMEOUT.toMillis() + SLACK_MS));
        outcome.accept(thrown);
    }

    private static Consumer<Throwable> failsWith(Class<? extends Throwable> type) {
        return t -> assertThat(t).isInstanceOf(type);
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"META", "TEXT", "BINARY"})
    void blockingCallsDoNotWaitForTheCallbackExecutor(Protocol protocol, MemcachedServer server) {
        try (Memcache<String> mc = Support.client(protocol, server.uri(), b -> b.callbackExecutor(NEVER))) {
            assertTimeoutPreemptively(HANG, () -> {
                Map<String, String> values = new LinkedHashMap<>();
                values.put("a", "1");
                values.put("b", "2");
                assertThat(mc.setMulti(values))
                        .containsExactly(Map.entry("a", StoreResult.STORED), Map.entry("b", StoreResult.STORED));
                assertThat(mc.deleteMulti(List.of("a", "x")))
                        .containsExactly(Map.entry("a", true), Map.entry("x", false));
                assertThat(mc.deleteAll("b")).isTrue();
                assertThat(mc.incr("n", 5, 10, MINUTE)).isEqualTo(10);
                assertThat(mc.incr("n", 5, 10, MINUTE)).isEqualTo(15);
                assertThat(mc.decr("n", 1, 10, MINUTE)).isEqualTo(14);
                assertThat(mc.decr("m", 1, 7, MINUTE)).isEqualTo(7);
                assertThat(mc.stats().get(0).currItems()).isEqualTo(2);
                assertThat(mc.stats("settings").get(0).number("tcpport")).isEqualTo(server.port());
                assertThat(mc.version().values()).containsExactly("1.6.18");
                mc.flushAll();
                assertThat(mc.getMulti(List.of("n", "m"))).isEmpty();
            });
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"META", "TEXT", "BINARY"})
    void blockingCallsEndWithinTheOperationTimeoutWhenNothingCompletes(Protocol protocol, MemcachedServer server) {
        try (FaultProxy proxy = FaultProxy.to(server);
                Memcache<String> mc = Support.client(
                        protocol, proxy.uri(), b -> b.operationTimeout(TIMEOUT).callbackExecutor(NEVER))) {
            TimeoutsAndReconnectionTest.warmUp(mc);
            proxy.stall(true);
            bounded(
                    1,
                    () -> mc.setMulti(Map.of("a", "1")),
                    t -> assertThat(t).isInstanceOfSatisfying(MultiStorageException.class, e -> {
                        assertThat(e.results()).containsExactly(Map.entry("a", StoreResult.FAILED));
                        assertThat(e.getCause()).isInstanceOf(ServerDisconnect.class);
                    }));
            bounded(1, () -> mc.deleteMulti(List.of("a", "b")), failsWith(ServerDisconnect.class));
            bounded(1, () -> mc.deleteAll("a"), failsWith(ServerDisconnect.class));
            bounded(1, () -> mc.incr("n", 1, 0, MINUTE), failsWith(ServerDisconnect.class));
            bounded(1, () -> mc.decr("n", 1, 0, MINUTE), failsWith(ServerDisconnect.class));
            bounded(1, mc::flushAll, failsWith(ServerDisconnect.class));
            bounded(1, () -> mc.flushAll(MINUTE), failsWith(ServerDisconnect.class));
            bounded(
                    1,
                    () -> assertThat(mc.stats()).containsExactly((ServerStats) null),
                    t -> assertThat(t).isNull());
            bounded(
                    1,
                    () -> assertThat(mc.stats("items")).containsExactly((ServerStats) null),
                    t -> assertThat(t).isNull());
            bounded(
                    1,
                    () -> assertThat(mc.version())
                            .containsOnlyKeys(mc.servers())
                            .containsValue(null),
                    t -> assertThat(t).isNull());
        }
    }

    @Test
    void eachStepOfTheTextProtocolsIncrWithAnInitialValueIsBounded() {
        try (FakeServer fake = FakeServer.start();
                Memcache<String> mc = Support.client(
                        Protocol.TEXT,
                        fake.uri(),
                        b -> b.operationTimeout(TIMEOUT).callbackExecutor(NEVER))) {
            fake.whenLineStartsWith("incr ", "NOT_FOUND\r\n");
            // the add that follows the miss is never answered
            bounded(2, () -> mc.incr("n", 1, 5, MINUTE), failsWith(OperationTimeout.class));
            assertThat(fake.received())
                    .hasSize(3)
                    .first()
                    .as("the connection's greeting")
                    .isEqualTo("version");
            assertThat(fake.received().get(1)).isEqualTo("incr n 1");
            assertThat(fake.received().get(2)).startsWith("add n 0 ");
        }
    }
}
