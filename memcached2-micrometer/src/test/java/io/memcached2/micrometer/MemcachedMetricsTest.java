package io.memcached2.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memcached2.Memcache;
import io.memcached2.MemcacheBuilder;
import io.memcached2.OperationTimeout;
import io.memcached2.Overloaded;
import io.memcached2.Protocol;
import io.memcached2.ServerAddress;
import io.memcached2.event.Outcome;
import io.memcached2.event.RequestEnd;
import io.memcached2.event.RequestStart;
import io.memcached2.testkit.FakeServer;
import io.memcached2.testkit.FaultProxy;
import io.memcached2.testkit.MemcachedExtension;
import io.memcached2.testkit.MemcachedServer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The meters move as the events say: call-level events driven directly (their mapping), transport events from a
 * real memcached, a fault proxy and a fake server.
 */
@ExtendWith(MemcachedExtension.class)
class MemcachedMetricsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ServerAddress A = ServerAddress.parse("memcached://10.0.0.1:11211/");
    private static final ServerAddress B = ServerAddress.parse("memcached://10.0.0.2:11211/");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MemcachedMetrics metrics = new MemcachedMetrics("sessions", Tags.of("app", "shop"));

    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + WAIT + ": " + what);
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static RequestEnd end(
            String command,
            int keys,
            List<ServerAddress> servers,
            Outcome outcome,
            int hits,
            int misses,
            long millis,
            Throwable error) {
        return new RequestEnd(command, keys, servers, outcome, hits, misses, 40, 60, Duration.ofMillis(millis), error);
    }

    private void call(RequestEnd end) {
        Object state = metrics.requestStarted(new RequestStart(end.command(), end.keys()));
        metrics.requestEnded(end, state);
    }

    private double counter(String name, String... tags) {
        return registry.get(name).tags(tags).counter().count();
    }

    private double functionCounter(String name, String... tags) {
        return registry.get(name).tags(tags).functionCounter().count();
    }

    @Test
    void callEventsMoveTheCacheMetersAndTheTimers() {
        metrics.bindTo(registry);
        call(end("get", 1, List.of(A), Outcome.HIT, 1, 0, 3, null));
        call(end("get", 1, List.of(A), Outcome.MISS, 0, 1, 2, null));
        call(end("get", 3, List.of(A, B), Outcome.HIT, 2, 1, 5, null));
        call(end("gets", 1, List.of(B), Outcome.MISS, 0, 1, 1, null));
        call(end("set", 1, List.of(A), Outcome.STORED, 0, 0, 4, null));
        call(end("add", 1, List.of(A), Outcome.NOT_STORED, 0, 0, 4, null));
        call(end("get", 1, List.of(B), Outcome.ERROR, 0, 0, 1000, new OperationTimeout("late")));
        call(end("get", 1, List.of(), Outcome.ERROR, 0, 0, 0, new Overloaded("full")));

        assertThat(functionCounter("cache.gets", "cache", "sessions", "app", "shop", "result", "hit"))
                .isEqualTo(3);
        assertThat(functionCounter("cache.gets", "cache", "sessions", "result", "miss"))
                .isEqualTo(3);
        assertThat(functionCounter("cache.puts", "cache", "sessions")).isEqualTo(1);
        assertThat(registry.find("cache.evictions").meters())
                .as("evictions are the servers' business")
                .isEmpty();
        assertThat(registry.find("cache.size").meters()).isEmpty();

        assertThat(registry.get("memcached.client.requests")
                        .tags("command", "get", "outcome", "hit", "server", "10.0.0.1:11211", "exception", "none")
                        .timer()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("memcached.client.requests")
                        .tags("command", "get", "server", "multiple")
                        .timer()
                        .totalTime(TimeUnit.MILLISECONDS))
                .isEqualTo(5);
        assertThat(registry.get("memcached.client.requests")
                        .tags("outcome", "error", "exception", "OperationTimeout", "server", "10.0.0.2:11211")
                        .timer()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("memcached.client.requests")
                        .tags("exception", "Overloaded", "server", "none")
                        .timer()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("memcached.client.requests")
                        .tags("command", "add", "outcome", "not_stored")
                        .timer()
                        .count())
                .isEqualTo(1);
        assertThat(counter("memcached.client.bytes.sent")).isEqualTo(8 * 40);
        assertThat(counter("memcached.client.bytes.received")).isEqualTo(8 * 60);
        for (Meter m : registry.getMeters()) {
            assertThat(m.getId().getTag("cache")).as("%s", m.getId()).isEqualTo("sessions");
            assertThat(m.getId().getTags())
                    .as("no key in a tag")
                    .noneMatch(t -> t.getValue().startsWith("k"));
        }
    }

    @Test
    void theInFlightGaugeCountsStartedRequestsNotYetEnded() {
        metrics.bindTo(registry);
        Object first = metrics.requestStarted(new RequestStart("get", 1));
        metrics.requestStarted(new RequestStart("set", 1));
        assertThat(registry.get("memcached.client.requests.inflight").gauge().value())
                .isEqualTo(2);
        metrics.requestEnded(end("get", 1, List.of(A), Outcome.MISS, 0, 1, 1, null), first);
        assertThat(registry.get("memcached.client.requests.inflight").gauge().value())
                .isEqualTo(1);
    }

    @Test
    void bindingTwiceIsRefused() {
        metrics.bindTo(registry);
        assertThatThrownBy(() -> metrics.bindTo(new SimpleMeterRegistry())).isInstanceOf(IllegalStateException.class);
    }

    private MemcacheBuilder<String> client(String uri) {
        return Memcache.builder().servers(uri).listener(metrics).reconnector(failures -> Duration.ofMillis(50));
    }

    private static void warmUp(Memcache<String> mc) {
        await("the client to answer", () -> {
            try {
                mc.set("warm", "up");
                return true;
            } catch (RuntimeException e) {
                return false;
            }
        });
    }

    @Test
    void connectionsAndReconnectsFollowARealServer(MemcachedServer server) {
        metrics.bindTo(registry);
        try (FaultProxy proxy = FaultProxy.to(server);
                Memcache<String> mc =
                        client(proxy.uri()).connectionsPerServer(2).build()) {
            warmUp(mc);
            String tag = proxy.host() + ":" + proxy.port();
            await("two connections", () -> gauge("memcached.client.connections", tag) == 2);
            assertThat(counter("memcached.client.reconnects", "server", tag)).isZero();
            proxy.refuseConnections(true);
            proxy.resetConnections();
            await("no connection", () -> gauge("memcached.client.connections", tag) == 0);
            await("reconnects counted", () -> counter("memcached.client.reconnects", "server", tag) >= 4);
            proxy.refuseConnections(false);
            await("two connections again", () -> gauge("memcached.client.connections", tag) == 2);
            warmUp(mc);
        }
    }

    private double gauge(String name, String server) {
        return registry.get(name).tag("server", server).gauge().value();
    }

    @Test
    void timeoutsAndLateRepliesAreCounted(MemcachedServer server) {
        metrics.bindTo(registry);
        try (FaultProxy proxy = FaultProxy.to(server);
                Memcache<String> mc = client(proxy.uri())
                        .operationTimeout(Duration.ofMillis(300))
                        .build()) {
            warmUp(mc);
            String tag = proxy.host() + ":" + proxy.port();
            proxy.latency(Duration.ofMillis(700));
            assertThatThrownBy(() -> mc.get("warm")).isInstanceOf(OperationTimeout.class);
            await("a timeout counted", () -> counter("memcached.client.timeouts", "server", tag) == 1);
            await("its late reply counted", () -> counter("memcached.client.late.replies", "server", tag) == 1);
        }
    }

    @Test
    void overloadsAreCounted() throws Exception {
        metrics.bindTo(registry);
        try (FakeServer fake = FakeServer.start();
                Memcache<String> mc = client(fake.uri())
                        .protocol(Protocol.TEXT)
                        .maxInFlight(1)
                        .operationTimeout(Duration.ofSeconds(10))
                        .build()) {
            fake.onCommand(line -> line.equals("get never"), line -> null);
            CompletableFuture<String> held = mc.async().get("never");
            await("the first get on the wire", () -> fake.received().contains("get never"));
            assertThatThrownBy(() -> mc.async().get("other").get(5, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(Overloaded.class);
            String tag = fake.host() + ":" + fake.port();
            assertThat(counter("memcached.client.overloads", "server", tag)).isEqualTo(1);
            assertThat(held).isNotDone();
        }
    }
}
