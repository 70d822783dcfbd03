package io.memcached2.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcached2.Memcache;
import io.memcached2.OperationTimeout;
import io.memcached2.Protocol;
import io.memcached2.ProtocolError;
import io.memcached2.ServerAddress;
import io.memcached2.ServerError;
import io.memcached2.event.MemcacheListener;
import io.memcached2.testkit.FakeServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 15: single-key gets that wait together on a connection whose earlier reply is awaited go as one multi-key
 * get. To make "waiting together" certain, a request to key {@code slow} is never answered on its own; its timeout
 * event, given to a cheap listener on the I/O thread, holds that thread while the test queues the gets, so they are
 * all in the connection's queue when it next writes. The server then answers {@code slow} late, ahead of the batch.
 */
class GetCoalescingTest {
    private static final Duration BOUND = Duration.ofSeconds(10);

    /** Holds the I/O thread in the first timeout event until released. */
    private static final class HoldingListener implements MemcacheListener {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public boolean cheap() {
            return true;
        }

        @Override
        public void requestTimedOut(String command, ServerAddress server, Duration timeout) {
            if (entered.getCount() == 1) {
                entered.countDown();
                try {
                    release.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private static Memcache<String> client(FakeServer fake, Protocol protocol, HoldingListener listener) {
        return Memcache.builder()
                .servers(fake.uri())
                .protocol(protocol)
                .operationTimeout(Duration.ofMillis(300))
                .listener(listener)
                .build();
    }

    /** The late answer to {@code slow}: a text miss, or a meta miss echoing its opaque. */
    private static String lateSlowReply(FakeServer fake, Protocol protocol) {
        if (protocol == Protocol.TEXT) {
            return "END\r\n";
        }
        String line = fake.received().stream()
                .filter(l -> l.startsWith("mg slow "))
                .findFirst()
                .orElseThrow();
        for (String token : line.split(" ")) {
            if (token.startsWith("O")) {
                return "EN " + token + "\r\n";
            }
        }
        throw new AssertionError("no opaque in " + line);
    }

    /** A batch reply where keys starting with "hit" have the value "value-of-KEY", in the line's order. */
    private static String valuesFor(String line) {
        StringBuilder reply = new StringBuilder();
        String[] tokens = line.split(" ");
        for (int i = 1; i < tokens.length; i++) {
            if (tokens[i].startsWith("hit")) {
                String v = "value-of-" + tokens[i];
                reply.append("VALUE ")
                        .append(tokens[i])
                        .append(" 0 ")
                        .append(v.length())
                        .append("\r\n");
                reply.append(v).append("\r\n");
            }
        }
        return reply.append("END\r\n").toString();
    }

    /**
     * Sends {@code slow}, waits for its timeout to hold the I/O thread, queues {@code keys} as async gets, releases
     * the thread, and returns their futures. {@code batchReply} answers the batch line (after slow's late reply).
     */
    private static List<CompletableFuture<String>> queuedBehindSlow(
            FakeServer fake,
            Protocol protocol,
            Memcache<String> mc,
            HoldingListener listener,
            Function<String, String> batchReply,
            String... keys)
            throws InterruptedException {
        fake.onCommand(
                l -> l.startsWith("get hit") || l.startsWith("get miss"),
                l -> (lateSlowReply(fake, protocol) + batchReply.apply(l)).getBytes(StandardCharsets.UTF_8));
        CompletableFuture<String> slow = mc.async().get("slow");
        assertThat(listener.entered.await(BOUND.toSeconds(), TimeUnit.SECONDS))
                .as("slow timed out")
                .isTrue();
        List<CompletableFuture<String>> futures = new ArrayList<>();
        for (String key : keys) {
            futures.add(mc.async().get(key));
        }
        listener.release.countDown();
        assertThat(Waits.failureOf(slow, BOUND)).isInstanceOf(OperationTimeout.class);
        return futures;
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"TEXT", "META"})
    void getsWaitingTogetherGoAsOneMultiGetAndEachCallerGetsItsOwnKey(Protocol protocol) throws Exception {
        HoldingListener listener = new HoldingListener();
        try (FakeServer fake = FakeServer.start();
                Memcache<String> mc = client(fake, protocol, listener)) {
            List<CompletableFuture<String>> f = queuedBehindSlow(
                    fake,
                    protocol,
                    mc,
                    listener,
                    GetCoalescingTest::valuesFor,
                    "hit1",
                    "miss1",
                    "hit2",
                    "hit1",
                    "miss2",
                    "hit3");
            assertThat(f.get(0).get(BOUND.toSeconds(), TimeUnit.SECONDS)).isEqualTo("value-of-hit1");
            assertThat(f.get(1).get(BOUND.toSeconds(), TimeUnit.SECONDS)).isNull();
            assertThat(f.get(2).get(BOUND.toSeconds(), TimeUnit.SECONDS)).isEqualTo("value-of-hit2");
            assertThat(f.get(3).get(BOUND.toSeconds(), TimeUnit.SECONDS)).isEqualTo("value-of-hit1");
            assertThat(f.get(4).get(BOUND.toSeconds(), TimeUnit.SECONDS)).isNull();
            assertThat(f.get(5).get(BOUND.toSeconds(), TimeUnit.SECONDS)).isEqualTo("value-of-hit3");
            assertThat(fake.received()).contains("get hit1 miss1 hit2 hit1 miss2 hit3");
            assertThat(fake.received()).noneMatch(l -> l.startsWith("mg hit") || l.equals("get hit1"));
        }
    }

    /** A batch answered with an error line fails every caller in it with that error; the connection stays. */
    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"TEXT", "META"})
    void aServerErrorToTheBatchFailsEachCallerAndTheNextGetSucceeds(Protocol protocol) throws Exception {
        HoldingListener listener = new HoldingListener();
        try (FakeServer fake = FakeServer.start();
                Memcache<String> mc = client(fake, protocol, listener)) {
            List<CompletableFuture<String>> f = queuedBehindSlow(
                    fake, protocol, mc, listener, l -> "SERVER_ERROR out of memory\r\n", "hit1", "hit2", "miss1");
            for (CompletableFuture<String> each : f) {
                assertThat(Waits.failureOf(each, BOUND))
                        .isInstanceOf(ServerError.class)
                        .hasMessageContaining("out of memory");
            }
            assertTheNextGetSucceeds(fake, protocol, mc);
            assertThat(fake.connectionCount()).isEqualTo(1);
        }
    }

    /**
     * A batch reply naming a key it was not asked for is a protocol error: the connection closes, every caller in it
     * fails (none gets another key's value), and the next get succeeds on a new connection.
     */
    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"TEXT", "META"})
    void aReplyForAnotherKeyFailsTheBatchAndTheNextGetSucceeds(Protocol protocol) throws Exception {
        HoldingListener listener = new HoldingListener();
        try (FakeServer fake = FakeServer.start();
                Memcache<String> mc = client(fake, protocol, listener)) {
            List<CompletableFuture<String>> f = queuedBehindSlow(
                    fake, protocol, mc, listener, l -> "VALUE intruder 0 1\r\nx\r\nEND\r\n", "hit1", "hit2", "hit3");
            for (CompletableFuture<String> each : f) {
                assertThat(Waits.failureOf(each, BOUND)).isInstanceOf(ProtocolError.class);
            }
            assertTheNextGetSucceeds(fake, protocol, mc);
            assertThat(fake.connectionCount()).isEqualTo(2);
        }
    }

    /** A write between gets keeps its place: the gets before it and after it are separate batches, in order. */
    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"TEXT"})
    void aStoreBetweenGetsKeepsItsPlace(Protocol protocol) throws Exception {
        HoldingListener listener = new HoldingListener();
        try (FakeServer fake = FakeServer.start();
                Memcache<String> mc = client(fake, protocol, listener)) {
            fake.whenLineStartsWith("set hitx ", "STORED\r\n");
            fake.onCommand(
                    l -> l.equals("get hit1 hit2"),
                    l -> (lateSlowReply(fake, protocol) + valuesFor(l)).getBytes(StandardCharsets.UTF_8));
            fake.onCommand(l -> l.startsWith("get hitx"), l -> valuesFor(l).getBytes(StandardCharsets.UTF_8));
            CompletableFuture<String> slow = mc.async().get("slow");
            assertThat(listener.entered.await(BOUND.toSeconds(), TimeUnit.SECONDS))
                    .isTrue();
            CompletableFuture<String> a = mc.async().get("hit1");
            CompletableFuture<String> b = mc.async().get("hit2");
            CompletableFuture<Void> set = mc.async().set("hitx", "stored");
            CompletableFuture<String> c = mc.async().get("hitx");
            CompletableFuture<String> d = mc.async().get("hitx2");
            listener.release.countDown();
            assertThat(Waits.failureOf(slow, BOUND)).isInstanceOf(OperationTimeout.class);
            assertThat(a.get(BOUND.toSeconds(), TimeUnit.SECONDS)).isEqualTo("value-of-hit1");
            assertThat(b.get(BOUND.toSeconds(), TimeUnit.SECONDS)).isEqualTo("value-of-hit2");
            set.get(BOUND.toSeconds(), TimeUnit.SECONDS);
            assertThat(c.get(BOUND.toSeconds(), TimeUnit.SECONDS)).isEqualTo("value-of-hitx");
            assertThat(d.get(BOUND.toSeconds(), TimeUnit.SECONDS)).isEqualTo("value-of-hitx2");
            List<String> lines = fake.received();
            assertThat(lines.indexOf("get hit1 hit2")).isLessThan(lines.indexOf("set hitx 0 0 6"));
            assertThat(lines.indexOf("set hitx 0 0 6")).isLessThan(lines.indexOf("get hitx hitx2"));
        }
    }

    /** Answers a get of {@code after} and checks that a caller gets it. */
    private static void assertTheNextGetSucceeds(FakeServer fake, Protocol protocol, Memcache<String> mc) {
        fake.onCommand(
                l -> l.startsWith("get after") || l.startsWith("mg after "),
                l -> (protocol == Protocol.TEXT
                                ? "VALUE after 0 2\r\nok\r\nEND\r\n"
                                : "VA 2 f0 " + opaqueOf(l) + "\r\nok\r\n")
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(mc.get("after")).isEqualTo("ok");
    }

    private static String opaqueOf(String metaLine) {
        for (String token : metaLine.split(" ")) {
            if (token.startsWith("O")) {
                return token;
            }
        }
        throw new AssertionError("no opaque in " + metaLine);
    }
}
