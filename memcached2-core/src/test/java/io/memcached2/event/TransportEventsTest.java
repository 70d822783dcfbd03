package io.memcached2.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memcached2.Memcache;
import io.memcached2.MemcacheBuilder;
import io.memcached2.OperationTimeout;
import io.memcached2.Overloaded;
import io.memcached2.Protocol;
import io.memcached2.ServerAddress;
import io.memcached2.internal.events.Events;
import io.memcached2.testkit.FakeServer;
import io.memcached2.testkit.FaultProxy;
import io.memcached2.testkit.MemcachedExtension;
import io.memcached2.testkit.MemcachedServer;
import io.memcached2.testsupport.LogCapture;
import io.memcached2.testsupport.Poll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 16: the events that arise in the transport (connections, reconnects, servers down and up, timeouts, late
 * replies, overload refusals) reach listeners, on the callback executor unless the listener is cheap.
 */
@ExtendWith(MemcachedExtension.class)
class TransportEventsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static MemcacheBuilder<String> builder(String uri, MemcacheListener... listeners) {
        MemcacheBuilder<String> b = Memcache.builder().servers(uri).reconnector(failures -> Duration.ofMillis(100));
        for (MemcacheListener l : listeners) {
            b.listener(l);
        }
        return b;
    }

    private static void warmUp(Memcache<String> mc) {
        Poll.until("the client to answer", WAIT, () -> {
            try {
                mc.set("warm", "up");
                return true;
            } catch (RuntimeException e) {
                return false;
            }
        });
    }

    @Test
    void aConnectionIsOpenedReadyAndClosedByTheClient(MemcachedServer server) {
        Recorder slow = new Recorder(false);
        try (Memcache<String> mc =
                builder(server.uri(), slow).protocol(Protocol.META).build()) {
            warmUp(mc);
            Poll.until("ready", WAIT, () -> slow.has("ready META"));
        }
        Poll.until("closed", WAIT, () -> slow.has("closed"));
        assertThat(slow.events)
                .containsExactly("opened " + server.port(), "ready META", "count 1", "closed by client", "count 0");
        assertThat(slow.onIoThread)
                .as("events of a listener that is not cheap run on I/O threads")
                .isEmpty();
    }

    @Test
    void aKilledServerIsClosedReconnectedDownAndUpAgain(MemcachedServer server) {
        Recorder slow = new Recorder(false);
        Recorder cheap = new Recorder(true);
        try (Memcache<String> mc = builder(server.uri(), slow, cheap).build()) {
            warmUp(mc);
            Poll.until("ready", WAIT, () -> slow.has("ready"));
            server.kill();
            Poll.until("the server marked down", WAIT, () -> slow.has("down"));
            assertThat(slow.has("closed ServerDisconnect"))
                    .as("closed, with its cause: %s", slow.events)
                    .isTrue();
            assertThat(slow.delays).as("a reconnect after a delay").contains(Duration.ofMillis(100));
            server.restart();
            Poll.until("the server up again", WAIT, () -> slow.has("up"));
            Poll.until("the new connection ready", WAIT, () -> slow.count("ready") == 2);
            mc.set("k", "v");
            assertThat(slow.matching(e -> e.startsWith("count"))).containsExactly("count 1", "count 0", "count 1");
            List<String> seen = List.copyOf(slow.events);
            assertThat(seen.indexOf("up")).isGreaterThan(seen.indexOf("down " + "ServerDisconnect"));
            assertThat(seen).endsWith("opened " + server.port(), "ready META", "count 1", "up");
            Poll.until("the cheap listener has seen as much", WAIT, () -> cheap.count("ready") == 2);
            assertThat(cheap.matching(e -> true)).isEqualTo(slow.matching(e -> true));
        }
        assertThat(slow.onIoThread)
                .as("the listener that is not cheap never runs on an I/O thread")
                .isEmpty();
        assertThat(cheap.onIoThread)
                .as("a cheap listener is called on the I/O thread at once")
                .isNotEmpty();
    }

    @Test
    void aTimeoutIsToldAndThenItsLateReply(MemcachedServer server) {
        Recorder slow = new Recorder(false);
        try (FaultProxy proxy = FaultProxy.to(server);
                Memcache<String> mc = builder(proxy.uri(), slow)
                        .operationTimeout(Duration.ofMillis(300))
                        .build()) {
            warmUp(mc);
            mc.set("k", "v");
            proxy.latency(Duration.ofMillis(700));
            assertThatThrownBy(() -> mc.get("k")).isInstanceOf(OperationTimeout.class);
            Poll.until("the timeout told", WAIT, () -> slow.has("timedOut get 300"));
            Poll.until("the late reply told", WAIT, () -> slow.has("lateReply get"));
            assertThat(slow.lateBy).singleElement().satisfies(d -> assertThat(d).isPositive());
            proxy.latency(Duration.ZERO);
            Poll.until("answers again", WAIT, () -> {
                try {
                    return "v".equals(mc.get("k"));
                } catch (OperationTimeout e) {
                    return false;
                }
            });
        }
        assertThat(slow.onIoThread).isEmpty();
    }

    @Test
    void aRequestPastTheInFlightCapIsRefusedAsOverloaded() throws Exception {
        Recorder slow = new Recorder(false);
        try (FakeServer fake = FakeServer.start();
                Memcache<String> mc = builder(fake.uri(), slow)
                        .protocol(Protocol.TEXT)
                        .maxInFlight(1)
                        .operationTimeout(Duration.ofSeconds(10))
                        .build()) {
            fake.onCommand(line -> line.equals("get never"), line -> null);
            fake.whenLineStartsWith("get other", "END\r\n");
            CompletableFuture<String> held = mc.async().get("never");
            Poll.until("the first get on the wire", WAIT, () -> fake.received().contains("get never"));
            CompletableFuture<String> refused = mc.async().get("other");
            assertThatThrownBy(() -> refused.get(5, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(Overloaded.class);
            Poll.until("the refusal told", WAIT, () -> slow.has("refused get Overloaded"));
            assertThat(slow.refusals).singleElement().isInstanceOf(Overloaded.class);
            assertThat(held).isNotDone();
        }
        assertThat(slow.onIoThread).isEmpty();
    }

    @Test
    void theBytesOfEachRequestAreCounted(MemcachedServer server) {
        java.util.Queue<RequestEnd> ends = new java.util.concurrent.ConcurrentLinkedQueue<>();
        MemcacheListener listener = new MemcacheListener() {
            @Override
            public void requestEnded(RequestEnd end, Object state) {
                ends.add(end);
            }
        };
        String value = "x".repeat(1000);
        try (Memcache<String> mc = builder(server.uri(), listener).build()) {
            warmUp(mc);
            ends.clear();
            mc.set("big", value);
            assertThat(mc.get("big")).isEqualTo(value);
        }
        assertThat(ends).extracting(RequestEnd::command).containsExactly("set", "get");
        RequestEnd set = ends.poll();
        RequestEnd get = ends.poll();
        assertThat(set.bytesSent()).isGreaterThan(1000).isLessThan(1100);
        assertThat(set.bytesReceived()).isPositive().isLessThan(100);
        assertThat(get.bytesSent()).isPositive().isLessThan(100);
        assertThat(get.bytesReceived()).isGreaterThan(1000).isLessThan(1100);
    }

    @Test
    void aThrowingListenerIsLoggedOnceAndRequestsGoOn(MemcachedServer server) {
        AtomicInteger readies = new AtomicInteger();
        MemcacheListener bad = new MemcacheListener() {
            @Override
            public void connectionOpened(ServerAddress s) {
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void connectionReady(ServerAddress s, Protocol protocol) {
                readies.incrementAndGet();
                throw new IllegalStateException("listener bug");
            }
        };
        Recorder after = new Recorder(false);
        try (LogCapture log = new LogCapture();
                Memcache<String> mc = builder(server.uri(), bad, after)
                        .connectionsPerServer(3)
                        .build()) {
            warmUp(mc);
            Poll.until("three connections ready", WAIT, () -> readies.get() == 3 && after.count("ready") == 3);
            List<String> warnings = new ArrayList<>(log.lines("WARN", Events.class));
            assertThat(warnings).hasSize(2);
            assertThat(warnings)
                    .anyMatch(l -> l.contains("connectionOpened"))
                    .anyMatch(l -> l.contains("connectionReady"));
            for (int i = 0; i < 20; i++) {
                mc.set("k" + i, "v" + i);
                assertThat(mc.get("k" + i)).isEqualTo("v" + i);
            }
            assertThat(after.count("opened"))
                    .as("the next listener is still told")
                    .isEqualTo(3);
            assertThat(after.matching(e -> e.startsWith("count"))).containsExactly("count 1", "count 2", "count 3");
        }
    }
}
