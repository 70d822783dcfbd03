package io.memcached2.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memcached2.Memcache;
import io.memcached2.OperationTimeout;
import io.memcached2.Overloaded;
import io.memcached2.Protocol;
import io.memcached2.ProtocolError;
import io.memcached2.ServerDisconnect;
import io.memcached2.ServerError;
import io.memcached2.testkit.BinaryPackets;
import io.memcached2.testkit.FakeServer;
import io.memcached2.testkit.FaultProxy;
import io.memcached2.testkit.MemcachedExtension;
import io.memcached2.testkit.MemcachedServer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Network and server trouble surfaces only as the documented exceptions (ServerDisconnect and its subclasses,
 * Overloaded, ProtocolError, ServerError), never as a raw Netty or I/O exception, and the client recovers.
 */
@ExtendWith(MemcachedExtension.class)
class ServerTroubleTest {
    private static final Duration TIMEOUT = Duration.ofMillis(500);
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Pattern OPAQUE = Pattern.compile(" (O\\d+)");

    private static void assertDocumented(Throwable t) {
        assertThat(t)
                .isNotNull()
                .isInstanceOfAny(ServerDisconnect.class, Overloaded.class, ProtocolError.class, ServerError.class);
        assertThat(t.getClass().getPackageName()).isEqualTo("io.memcached2");
    }

    private static void awaitRecovery(Memcache<String> mc, String key, String value) {
        Support.await("the client to work again", WAIT, () -> {
            Throwable t = Support.thrownBy(() -> assertThat(mc.get(key)).isEqualTo(value));
            if (t instanceof AssertionError) {
                throw (AssertionError) t;
            }
            if (t != null) {
                assertDocumented(t);
            }
            return t == null;
        });
    }

    private static Memcache<String> client(Protocol protocol, String uri) {
        Memcache<String> mc = Support.client(protocol, uri, b -> b.operationTimeout(TIMEOUT));
        TimeoutsAndReconnectionTest.warmUp(mc);
        return mc;
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"META", "TEXT", "BINARY"})
    void truncatedReplyIsAServerDisconnect(Protocol protocol, MemcachedServer server) {
        try (FaultProxy proxy = FaultProxy.to(server);
                Memcache<String> mc = client(protocol, proxy.uri())) {
            mc.set("k", "a value long enough to be cut in the middle");
            proxy.truncateNext(6);
            Throwable t = Support.thrownBy(() -> mc.get("k"));
            assertDocumented(t);
            assertThat(t).isInstanceOf(ServerDisconnect.class);
            awaitRecovery(mc, "k", "a value long enough to be cut in the middle");
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"META", "TEXT", "BINARY"})
    void corruptedReplyIsAProtocolError(Protocol protocol, MemcachedServer server) {
        try (FaultProxy proxy = FaultProxy.to(server);
                Memcache<String> mc = client(protocol, proxy.uri())) {
            mc.set("k", "v");
            proxy.corruptNext(4);
            Throwable t = Support.thrownBy(() -> mc.get("k"));
            assertDocumented(t);
            assertThat(t).isInstanceOf(ProtocolError.class);
            awaitRecovery(mc, "k", "v");
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"META", "TEXT", "BINARY"})
    void resetConnectionFailsPendingRequestsWithServerDisconnect(Protocol protocol, MemcachedServer server) {
        try (FaultProxy proxy = FaultProxy.to(server);
                Memcache<String> mc =
                        Support.client(protocol, proxy.uri(), b -> b.operationTimeout(Duration.ofSeconds(3)))) {
            TimeoutsAndReconnectionTest.warmUp(mc);
            mc.set("k", "v");
            proxy.stall(true);
            List<CompletableFuture<String>> pending = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                pending.add(mc.async().get("k"));
            }
            proxy.resetConnections();
            for (CompletableFuture<String> f : pending) {
                Throwable t = Support.failureOf(f, WAIT);
                assertDocumented(t);
                assertThat(t).isInstanceOf(ServerDisconnect.class).isNotInstanceOf(OperationTimeout.class);
            }
            proxy.stall(false);
            awaitRecovery(mc, "k", "v");
        }
    }

    @Test
    void blackHoleIsATimeout(MemcachedServer server) {
        try (FaultProxy proxy = FaultProxy.to(server)) {
            proxy.blackHole(true);
            for (Protocol protocol : new Protocol[] {Protocol.AUTO, Protocol.META}) {
                try (Memcache<String> mc = Support.client(
                        protocol, proxy.uri(), b -> b.operationTimeout(TIMEOUT).connectTimeout(TIMEOUT))) {
                    Throwable t = Support.thrownBy(() -> mc.get("k"));
                    assertDocumented(t);
                    assertThat(t).isInstanceOf(ServerDisconnect.class);
                }
            }
        }
    }

    @Test
    void connectionRefusedIsAServerDisconnect() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (Memcache<String> mc = Support.client(
                Protocol.META, "memcached://127.0.0.1:" + port + "/", b -> b.operationTimeout(TIMEOUT))) {
            Throwable t = Support.thrownBy(() -> mc.get("k"));
            assertDocumented(t);
            assertThat(t).isInstanceOf(ServerDisconnect.class);
            Throwable async = Support.failureOf(mc.async().set("k", "v"), WAIT);
            assertDocumented(async);
            assertThat(mc.stats()).containsExactly((io.memcached2.ServerStats) null);
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"META", "TEXT", "BINARY"})
    void garbageFromTheServerIsAProtocolError(Protocol protocol) {
        try (FakeServer fake = FakeServer.start()) {
            fake.whenLineStartsWith("mg ", "HELLO THERE\r\n");
            fake.whenLineStartsWith("get ", "HELLO THERE\r\n");
            fake.whenLineStartsWith("bin 0c ", "HELLO THERE\r\n");
            try (Memcache<String> mc = Support.client(protocol, fake.uri(), b -> b.operationTimeout(TIMEOUT))) {
                Throwable t = Support.thrownBy(() -> mc.get("k"));
                assertDocumented(t);
                // the binary decoder refuses at the first byte, which may have arrived alone
                assertThat(t)
                        .isInstanceOf(ProtocolError.class)
                        .hasMessageContaining(protocol == Protocol.BINARY ? "received 'H" : "HELLO");
                Throwable async = Support.failureOf(mc.async().get("k"), WAIT);
                assertDocumented(async);
            }
        }
    }

    private static int opaqueOf(String line) {
        Matcher m = OPAQUE.matcher(line);
        m.find();
        return Integer.parseInt(m.group(1).substring(1));
    }

    @Test
    void wrongOpaqueInMetaIsAProtocolError() {
        try (FakeServer fake = FakeServer.start()) {
            fake.onCommand(
                    line -> line.startsWith("mg "), line -> "EN O999999\r\n".getBytes(StandardCharsets.US_ASCII));
            try (Memcache<String> mc = Support.client(Protocol.META, fake.uri(), b -> b.operationTimeout(TIMEOUT))) {
                Throwable t = Support.thrownBy(() -> mc.get("k"));
                assertDocumented(t);
                assertThat(t).isInstanceOf(ProtocolError.class);
            }
        }
    }

    @Test
    void textReplyForAnotherKeyIsAProtocolErrorNeverAWrongValue() {
        try (FakeServer fake = FakeServer.start()) {
            fake.whenLineStartsWith("get ", "VALUE other 0 5\r\nwrong\r\nEND\r\n");
            try (Memcache<String> mc = Support.client(Protocol.TEXT, fake.uri(), b -> b.operationTimeout(TIMEOUT))) {
                Throwable t = Support.thrownBy(() -> mc.get("k"));
                assertDocumented(t);
                assertThat(t).isInstanceOf(ProtocolError.class);
                Throwable multi = Support.thrownBy(() -> mc.getMulti(List.of("k", "j")));
                assertDocumented(multi);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"META", "TEXT", "BINARY"})
    void serverErrorIsAServerErrorAndTheConnectionStaysUsable(Protocol protocol) {
        try (FakeServer fake = FakeServer.start()) {
            fake.onCommand(
                    line -> line.startsWith("bin 0c boom "),
                    line -> BinaryPackets.response(
                            0x0c,
                            0x82,
                            opaqueOf(line),
                            0,
                            new byte[0],
                            new byte[0],
                            "Out of memory".getBytes(StandardCharsets.US_ASCII)));
            fake.onCommand(
                    line -> line.startsWith("bin 0c "),
                    line -> BinaryPackets.response(
                            0x0c,
                            1,
                            opaqueOf(line),
                            0,
                            new byte[0],
                            line.split(" ")[2].getBytes(StandardCharsets.US_ASCII),
                            new byte[0]));
            fake.onCommand(
                    line -> line.startsWith("mg boom") || line.startsWith("get boom"),
                    line -> "SERVER_ERROR out of memory\r\n".getBytes(StandardCharsets.US_ASCII));
            fake.onCommand(line -> line.startsWith("mg "), line -> {
                Matcher m = OPAQUE.matcher(line);
                return ("EN" + (m.find() ? " " + m.group(1) : "") + "\r\n").getBytes(StandardCharsets.US_ASCII);
            });
            fake.whenLineStartsWith("get ", "END\r\n");
            try (Memcache<String> mc = Support.client(protocol, fake.uri(), b -> b.operationTimeout(TIMEOUT))) {
                Throwable t = Support.thrownBy(() -> mc.get("boom"));
                assertDocumented(t);
                assertThat(t)
                        .isInstanceOf(ServerError.class)
                        .satisfies(e -> assertThat(e.getMessage()).containsIgnoringCase("out of memory"));
                assertThatThrownBy(() -> mc.get("fine")).isSameAs(io.memcached2.NoValue.INSTANCE);
                assertThat(fake.connectionCount()).isEqualTo(1);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"META", "TEXT", "BINARY"})
    void serverClosingMidReplyIsAServerDisconnect(Protocol protocol) {
        try (FakeServer fake = FakeServer.start()) {
            fake.onCommand(line -> line.startsWith("mg ") || line.startsWith("get "), line -> {
                fake.closeConnections();
                return null;
            });
            try (Memcache<String> mc = Support.client(protocol, fake.uri(), b -> b.operationTimeout(TIMEOUT))) {
                Throwable t = Support.thrownBy(() -> mc.get("k"));
                assertDocumented(t);
                assertThat(t).isInstanceOf(ServerDisconnect.class);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"META", "TEXT", "BINARY"})
    void setMultiToADeadServerReportsEveryKeyAsFailed(Protocol protocol, MemcachedServer server) {
        try (Memcache<String> mc = client(protocol, server.uri())) {
            server.kill();
            Support.await(
                    "the client to notice the server is gone",
                    WAIT,
                    () -> Support.thrownBy(() -> mc.get("k")) instanceof ServerDisconnect);
            java.util.Map<String, String> values = new java.util.LinkedHashMap<>();
            values.put("a", "1");
            values.put("b", "2");
            assertThatThrownBy(() -> mc.setMulti(values))
                    .isInstanceOfSatisfying(io.memcached2.MultiStorageException.class, e -> {
                        assertThat(e.results())
                                .containsOnly(
                                        java.util.Map.entry("a", io.memcached2.StoreResult.FAILED),
                                        java.util.Map.entry("b", io.memcached2.StoreResult.FAILED));
                        assertDocumented(e.getCause());
                    });
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"META", "TEXT", "BINARY"})
    void closingTheClientFailsRequestsInFlightAtOnce(Protocol protocol, MemcachedServer server) {
        try (FaultProxy proxy = FaultProxy.to(server)) {
            Memcache<String> mc =
                    Support.client(protocol, proxy.uri(), b -> b.operationTimeout(Duration.ofSeconds(20)));
            TimeoutsAndReconnectionTest.warmUp(mc);
            proxy.stall(true);
            List<CompletableFuture<String>> pending = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                pending.add(mc.async().get("k" + i));
            }
            long start = System.nanoTime();
            mc.close();
            for (CompletableFuture<String> f : pending) {
                Throwable t = Support.failureOf(f, WAIT);
                assertDocumented(t);
                assertThat(t).isInstanceOf(ServerDisconnect.class).isNotInstanceOf(OperationTimeout.class);
            }
            assertThat(Support.millisSince(start))
                    .as("well before the 20 s timeout")
                    .isLessThan(5000);
        }
    }

    @Test
    void closedClientFailsWithServerDisconnect(MemcachedServer server) {
        Memcache<String> mc = Support.client(Protocol.META, server.uri());
        mc.set("k", "v");
        mc.close();
        Throwable t = Support.thrownBy(() -> mc.get("k"));
        assertDocumented(t);
        assertThat(t).isInstanceOf(ServerDisconnect.class);
        Throwable async = Support.thrownBy(() -> mc.async().get("k").join());
        assertDocumented(Support.unwrap(async));
    }
}
