package io.memcached2.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memcached2.AsyncMemcache;
import io.memcached2.Memcache;
import io.memcached2.MemcacheBuilder;
import io.memcached2.NoValue;
import io.memcached2.NotStored;
import io.memcached2.Protocol;
import io.memcached2.Reconnectors;
import io.memcached2.ServerAddress;
import io.memcached2.internal.events.Events;
import io.memcached2.testkit.MemcachedExtension;
import io.memcached2.testkit.MemcachedServer;
import io.memcached2.testkit.MemcachedServers;
import io.memcached2.testsupport.LogCapture;
import io.memcached2.testsupport.Poll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The request events the executors emit (issue 16's contract), against a real memcached: one start on the caller's
 * thread and one end per call, for every kind of command, from the blocking, asynchronous and exceptions-are-misses
 * clients; refusals before the wire; listeners that throw; and no events without a listener.
 */
@ExtendWith(MemcachedExtension.class)
class RequestEventsTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    /** How long a killed server may take to be marked down on a busy machine. */
    private static final Duration DOWN = Duration.ofSeconds(20);

    /** What a listener saw, in order, with the thread of each event. */
    static final class Recorder implements MemcacheListener {
        final List<String> log = Collections.synchronizedList(new ArrayList<>());
        final List<RequestEnd> ends = Collections.synchronizedList(new ArrayList<>());
        final List<String> endThreads = Collections.synchronizedList(new ArrayList<>());
        final List<String> startThreads = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger downs = new AtomicInteger();

        @Override
        public Object requestStarted(RequestStart start) {
            log.add("start " + start.command() + " " + start.keys());
            startThreads.add(Thread.currentThread().getName());
            return start;
        }

        @Override
        public void requestEnded(RequestEnd end, Object state) {
            assertThat(state).isInstanceOf(RequestStart.class);
            log.add("end " + end.command() + " " + end.outcome());
            ends.add(end);
            endThreads.add(Thread.currentThread().getName());
        }

        @Override
        public void requestRefused(String command, ServerAddress server, Throwable reason) {
            log.add("refused " + command + " " + reason.getClass().getSimpleName());
        }

        @Override
        public void serverDown(ServerAddress server, Throwable cause) {
            downs.incrementAndGet();
        }

        RequestEnd last() {
            return ends.get(ends.size() - 1);
        }

        void clear() {
            log.clear();
            ends.clear();
            endThreads.clear();
            startThreads.clear();
        }
    }

    private static Memcache<String> client(
            Protocol protocol, List<String> uris, UnaryOperator<MemcacheBuilder<String>> o) {
        return o.apply(Memcache.builder()
                        .servers(uris.toArray(new String[0]))
                        .protocol(protocol)
                        .operationTimeout(Duration.ofSeconds(2)))
                .build();
    }

    private static <T> T done(CompletableFuture<T> f) throws Exception {
        return f.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs a call and checks the one start and one end it made. */
    private static void expect(Recorder rec, String command, int keys, Outcome outcome, Runnable call) {
        rec.clear();
        call.run();
        assertThat(rec.log)
                .as(command)
                .containsExactly("start " + command + " " + keys, "end " + command + " " + outcome);
        assertThat(rec.last().keys()).isEqualTo(keys);
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"META", "TEXT"})
    void everyBlockingCommandStartsAndEndsOnTheCallersThread(Protocol protocol, MemcachedServer server) {
        Recorder rec = new Recorder();
        try (Memcache<String> mc = client(protocol, List.of(server.uri()), b -> b.listener(rec))) {
            ServerAddress address = mc.servers().get(0);
            expect(rec, "set", 1, Outcome.STORED, () -> mc.set("k", "v"));
            assertThat(rec.last().servers()).containsExactly(address);
            assertThat(rec.last().duration()).isPositive();
            assertThat(rec.last().error()).isNull();
            expect(rec, "get", 1, Outcome.HIT, () -> assertThat(mc.get("k")).isEqualTo("v"));
            assertThat(rec.last().hits()).isEqualTo(1);
            expect(
                    rec,
                    "get",
                    1,
                    Outcome.MISS,
                    () -> assertThatThrownBy(() -> mc.get("absent")).isSameAs(NoValue.INSTANCE));
            assertThat(rec.last().misses()).isEqualTo(1);
            long cas = mc.gets("k").cas();
            expect(rec, "gets", 1, Outcome.HIT, () -> mc.gets("k"));
            expect(rec, "gat", 1, Outcome.HIT, () -> mc.gat("k", Duration.ofMinutes(1)));
            expect(rec, "gats", 1, Outcome.HIT, () -> mc.gats("k", Duration.ofMinutes(1)));
            expect(
                    rec,
                    "add",
                    1,
                    Outcome.NOT_STORED,
                    () -> assertThatThrownBy(() -> mc.add("k", "w")).isInstanceOf(NotStored.class));
            assertThat(rec.last().error()).isNull();
            expect(rec, "replace", 1, Outcome.STORED, () -> mc.replace("k", "w"));
            expect(rec, "append", 1, Outcome.STORED, () -> mc.append("k", "+"));
            expect(rec, "prepend", 1, Outcome.STORED, () -> mc.prepend("k", "-"));
            expect(rec, "cas", 1, Outcome.EXISTS, () -> assertThatThrownBy(() -> mc.cas("k", "x", cas)));
            expect(rec, "touch", 1, Outcome.OK, () -> mc.touch("k", Duration.ofMinutes(1)));
            expect(rec, "delete", 1, Outcome.OK, () -> mc.delete("k"));
            expect(rec, "delete", 1, Outcome.NOT_FOUND, () -> mc.delete("k"));
            mc.set("n", "1");
            expect(rec, "incr", 1, Outcome.OK, () -> assertThat(mc.incr("n", 2)).isEqualTo(3));
            expect(rec, "decr", 1, Outcome.OK, () -> assertThat(mc.decr("n", 1)).isEqualTo(2));
            expect(rec, "incr", 1, Outcome.OK, () -> mc.incr("fresh", 1, 7, Duration.ofMinutes(1)));
            assertThat(rec.last().servers()).isNotEmpty().allMatch(address::equals);
            expect(rec, "get", 3, Outcome.HIT, () -> mc.getMulti(List.of("n", "fresh", "absent")));
            assertThat(rec.last().hits()).isEqualTo(2);
            assertThat(rec.last().misses()).isEqualTo(1);
            expect(rec, "gets", 1, Outcome.MISS, () -> mc.getsMulti(List.of("absent")));
            expect(rec, "set", 2, Outcome.STORED, () -> mc.setMulti(Map.of("a", "1", "b", "2")));
            expect(rec, "delete", 2, Outcome.OK, () -> mc.deleteMulti(List.of("a", "b")));
            expect(rec, "delete", 1, Outcome.OK, () -> mc.deleteAll("n"));
            expect(rec, "stats", 0, Outcome.OK, mc::stats);
            expect(rec, "version", 0, Outcome.OK, mc::version);
            expect(rec, "flush_all", 0, Outcome.OK, mc::flushAll);
            expect(rec, "cache", 1, Outcome.OK, () -> mc.cache("c", key -> "loaded"));
            expect(rec, "invalidate", 1, Outcome.OK, () -> mc.invalidate("c"));
            String me = Thread.currentThread().getName();
            mc.set("k", "v");
            assertThat(rec.startThreads).containsOnly(me);
            assertThat(rec.endThreads).containsOnly(me);
            assertThat(rec.last().bytesSent()).isGreaterThanOrEqualTo(0);
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"META", "TEXT"})
    void asyncCallsEndOnTheCallbackExecutorBeforeTheFutureCompletes(Protocol protocol, MemcachedServer server)
            throws Exception {
        Recorder rec = new Recorder();
        List<Boolean> onIoThread = Collections.synchronizedList(new ArrayList<>());
        MemcacheListener threads = new MemcacheListener() {
            @Override
            public void requestEnded(RequestEnd end, Object state) {
                onIoThread.add(Thread.currentThread().getName().startsWith("memcached2-io"));
            }
        };
        try (Memcache<String> mc =
                client(protocol, List.of(server.uri()), b -> b.listener(rec).listener(threads))) {
            AsyncMemcache<String> async = mc.async();
            String me = Thread.currentThread().getName();
            rec.clear();
            done(async.set("k", "v"));
            // the end is recorded before the future completes, so it is there once get() returns
            assertThat(rec.log).containsExactly("start set 1", "end set STORED");
            assertThat(rec.last().servers()).containsExactly(mc.servers().get(0));
            assertThat(done(async.get("k"))).isEqualTo("v");
            assertThat(rec.log).endsWith("end get HIT");
            assertThat(done(async.get("absent"))).isNull();
            assertThat(rec.log).endsWith("end get MISS");
            assertThat(done(async.getMulti(List.of("k", "absent")))).containsOnlyKeys("k");
            assertThat(rec.log).endsWith("start get 2", "end get HIT");
            done(async.incr("counter", 1, 5, Duration.ofMinutes(1)));
            assertThat(rec.log).endsWith("start incr 1", "end incr OK");
            assertThat(done(async.cache("c", key -> "loaded"))).isEqualTo("loaded");
            assertThat(rec.log).endsWith("start cache 1", "end cache OK");
            done(async.stats());
            assertThat(rec.log).endsWith("start stats 0", "end stats OK");
            done(async.deleteAll("k"));
            assertThat(rec.log).endsWith("start delete 1", "end delete OK");
            assertThat(rec.startThreads).containsOnly(me);
            assertThat(onIoThread).isNotEmpty().containsOnly(false);
        }
    }

    @Test
    void exceptionsAreMissesCallsAreEventsToo(MemcachedServer server) {
        Recorder rec = new Recorder();
        try (Memcache<String> mc = client(Protocol.META, List.of(server.uri()), b -> b.listener(rec))) {
            expect(
                    rec,
                    "get",
                    1,
                    Outcome.MISS,
                    () -> assertThat(mc.exceptionsAreMisses().get("absent")).isNull());
            expect(rec, "set", 1, Outcome.STORED, () -> mc.exceptionsAreMisses().set("k", "v"));
            expect(
                    rec,
                    "add",
                    1,
                    Outcome.NOT_STORED,
                    () -> assertThat(mc.exceptionsAreMisses().add("k", "v")).isFalse());
        }
    }

    @Test
    void aMultiServerGetListsEveryServerItReached(@MemcachedServers(count = 2) List<MemcachedServer> servers) {
        Recorder rec = new Recorder();
        List<String> uris = servers.stream().map(MemcachedServer::uri).toList();
        try (Memcache<String> mc = client(Protocol.META, uris, b -> b.listener(rec))) {
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                keys.add("key-" + i);
                mc.set("key-" + i, "v" + i);
            }
            expect(
                    rec,
                    "get",
                    40,
                    Outcome.HIT,
                    () -> assertThat(mc.getMulti(keys)).hasSize(40));
            assertThat(rec.last().servers()).containsExactlyInAnyOrderElementsOf(mc.servers());
            assertThat(rec.last().hits()).isEqualTo(40);
            assertThat(rec.last().misses()).isZero();
            expect(rec, "version", 0, Outcome.OK, mc::version);
            assertThat(rec.last().servers()).containsExactlyElementsOf(mc.servers());
        }
    }

    @Test
    void aBadKeyIsRefusedBeforeTheWire(MemcachedServer server) throws Exception {
        Recorder rec = new Recorder();
        try (Memcache<String> mc = client(Protocol.META, List.of(server.uri()), b -> b.listener(rec))) {
            rec.clear();
            assertThatThrownBy(() -> mc.get("")).isInstanceOf(IllegalArgumentException.class);
            assertThat(rec.log).containsExactly("start get 1", "refused get IllegalArgumentException", "end get ERROR");
            assertThat(rec.last().servers()).isEmpty();
            assertThat(rec.last().bytesSent()).isZero();
            assertThat(rec.last().error()).isInstanceOf(IllegalArgumentException.class);

            rec.clear();
            assertThatThrownBy(() -> mc.async().set("", "v")).isInstanceOf(IllegalArgumentException.class);
            assertThat(rec.log).containsExactly("start set 1", "refused set IllegalArgumentException", "end set ERROR");
            rec.clear();
            assertThatThrownBy(() -> mc.getMulti(List.of("ok", ""))).isInstanceOf(IllegalArgumentException.class);
            assertThat(rec.log).containsExactly("start get 2", "refused get IllegalArgumentException", "end get ERROR");
            rec.clear();
            assertThatThrownBy(() -> mc.incr("n", -1)).isInstanceOf(IllegalArgumentException.class);
            assertThat(rec.log)
                    .containsExactly("start incr 1", "refused incr IllegalArgumentException", "end incr ERROR");
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"META", "TEXT"})
    void callsOfSeveralStepsReportTheServersAndBytesOfEveryStep(Protocol protocol, MemcachedServer server)
            throws Exception {
        Recorder rec = new Recorder();
        String big = "v".repeat(500);
        try (Memcache<String> mc = client(protocol, List.of(server.uri()), b -> b.listener(rec))) {
            ServerAddress address = mc.servers().get(0);
            rec.clear();
            assertThat(mc.cache("c1", key -> big)).isEqualTo(big);
            // a read that misses, then a set of the loaded value: both steps' bytes, one server
            assertThat(rec.last().servers()).containsExactly(address);
            assertThat(rec.last().bytesSent()).isGreaterThan(big.length());
            assertThat(rec.last().bytesReceived()).isPositive();
            rec.clear();
            assertThat(mc.cache("c1", key -> "unused")).isEqualTo(big);
            assertThat(rec.last().servers()).containsExactly(address);
            assertThat(rec.last().bytesReceived()).isGreaterThan(big.length());

            AsyncMemcache<String> async = mc.async();
            rec.clear();
            assertThat(done(async.cache("c2", key -> big))).isEqualTo(big);
            assertThat(rec.last().servers()).containsExactly(address);
            assertThat(rec.last().bytesSent()).isGreaterThan(big.length());
            assertThat(rec.last().bytesReceived()).isPositive();

            rec.clear();
            assertThat(done(async.incr("counter", 1, 5, Duration.ofMinutes(1)))).isEqualTo(5);
            assertThat(rec.last().servers()).containsExactly(address);
            assertThat(rec.last().bytesSent()).isPositive();
            assertThat(rec.last().bytesReceived()).isPositive();
            rec.clear();
            assertThat(done(async.decr("counter", 2, 5, Duration.ofMinutes(1)))).isEqualTo(3);
            assertThat(rec.last().servers()).containsExactly(address);
            assertThat(rec.last().bytesSent()).isPositive();
        }
    }

    /** The calls tried while no server is available, each with the name and key count it reports. */
    private static List<Map.Entry<String, Runnable>> callsOf(Memcache<String> mc) {
        AsyncMemcache<String> async = mc.async();
        return List.of(
                Map.entry("get 1", () -> mc.get("k")),
                Map.entry("incr 1", () -> mc.incr("n", 1, 0, Duration.ofMinutes(1))),
                Map.entry("get 2", () -> mc.getMulti(List.of("a", "b"))),
                Map.entry("gets 2", () -> mc.getsMulti(List.of("a", "b"))),
                Map.entry("delete 2", () -> mc.deleteMulti(List.of("a", "b"))),
                Map.entry("set 2", () -> mc.setMulti(Map.of("a", "1", "b", "2"))),
                Map.entry("delete 1", () -> mc.deleteAll("k")),
                Map.entry("flush_all 0", mc::flushAll),
                Map.entry("cache 1", () -> mc.cache("c", key -> "v")),
                Map.entry("cache 1", () -> async.cache("c", key -> "v").join()),
                Map.entry("get 1", () -> async.get("k").join()),
                Map.entry(
                        "incr 1",
                        () -> async.incr("n", 1, 0, Duration.ofMinutes(1)).join()),
                Map.entry("get 2", () -> async.getMulti(List.of("a", "b")).join()),
                Map.entry(
                        "set 2",
                        () -> async.setMulti(Map.of("a", "1", "b", "2")).join()),
                Map.entry("flush_all 0", () -> async.flushAll().join()));
    }

    /** Each call is refused as a single-key call is: a refusal, then an error end that touched no server. */
    private static void everyCallIsRefused(Memcache<String> mc, Recorder rec) {
        for (Map.Entry<String, Runnable> call : callsOf(mc)) {
            String command = call.getKey().split(" ")[0];
            rec.clear();
            assertThatThrownBy(call.getValue()::run).as(call.getKey()).isNotNull();
            assertThat(rec.log).as(call.getKey()).hasSize(3);
            assertThat(rec.log.get(0)).isEqualTo("start " + call.getKey());
            assertThat(rec.log.get(1)).as(call.getKey()).startsWith("refused " + command + " ");
            assertThat(rec.log.get(2)).isEqualTo("end " + command + " ERROR");
            assertThat(rec.last().servers()).as(call.getKey()).isEmpty();
            assertThat(rec.last().bytesSent()).as(call.getKey()).isZero();
            assertThat(rec.last().error()).as(call.getKey()).isNotNull();
        }
    }

    @Test
    void aCallToADownServerIsRefusedWhetherItHasOneRequestOrSeveral(MemcachedServer server) {
        Recorder rec = new Recorder();
        try (Memcache<String> mc = client(
                Protocol.META,
                List.of(server.uri()),
                b -> b.listener(rec)
                        .reconnector(Reconnectors.exponential(Duration.ofMillis(10), Duration.ofMillis(200))))) {
            mc.set("k", "v");
            server.kill();
            Poll.until("the server is marked down", DOWN, () -> rec.downs.get() > 0);
            everyCallIsRefused(mc, rec);
        }
    }

    @Test
    void aCallWithNoAvailableServerIsRefusedWhetherItHasOneRequestOrSeveral(
            @MemcachedServers(count = 2) List<MemcachedServer> servers) {
        Recorder rec = new Recorder();
        List<String> uris = servers.stream().map(MemcachedServer::uri).toList();
        try (Memcache<String> mc = client(
                Protocol.META,
                uris,
                b -> b.listener(rec)
                        .reconnector(Reconnectors.exponential(Duration.ofMillis(10), Duration.ofMillis(200))))) {
            mc.set("k", "v");
            servers.forEach(MemcachedServer::kill);
            Poll.until("both servers are marked down", DOWN, () -> rec.downs.get() >= 2);
            everyCallIsRefused(mc, rec);
        }
    }

    @Test
    void aListenerThatThrowsIsLoggedOnceAndTheRequestGoesOn(MemcachedServer server) throws Exception {
        MemcacheListener broken = new MemcacheListener() {
            @Override
            public Object requestStarted(RequestStart start) {
                throw new IllegalStateException("broken listener");
            }

            @Override
            public void requestEnded(RequestEnd end, Object state) {
                throw new IllegalStateException("broken listener");
            }
        };
        Recorder rec = new Recorder();
        try (LogCapture log = new LogCapture();
                Memcache<String> mc = client(
                        Protocol.META,
                        List.of(server.uri()),
                        b -> b.listener(broken).listener(rec))) {
            for (int i = 0; i < 3; i++) {
                mc.set("k", "v" + i);
                assertThat(mc.get("k")).isEqualTo("v" + i);
                assertThat(done(mc.async().get("k"))).isEqualTo("v" + i);
            }
            assertThat(rec.ends).hasSize(9);
            assertThat(log.lines("WARN", Events.class))
                    .hasSize(2)
                    .allMatch(l -> l.contains("broken listener") || l.contains("threw from"));
        }
    }

    @Test
    void withoutAListenerTheClientBuildsNoEvents(MemcachedServer server) {
        try (Memcache<String> mc = client(Protocol.META, List.of(server.uri()), b -> b)) {
            mc.set("k", "v");
            assertThat(mc.get("k")).isEqualTo("v");
            assertThat(mc.getMulti(List.of("k"))).containsOnlyKeys("k");
        }
        assertThat(Events.of(List.of())).isSameAs(Events.NONE);
        assertThat(Events.NONE.active()).isFalse();
    }
}
