package io.memcached2.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memcached2.Memcache;
import io.memcached2.NoValue;
import io.memcached2.NonNumeric;
import io.memcached2.NotFound;
import io.memcached2.Protocol;
import io.memcached2.Transcoders;
import io.memcached2.testkit.MemcachedExtension;
import io.memcached2.testkit.MemcachedServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** incr and decr against a real memcached, in both protocols: values, refusals, 64-bit edges, create on miss. */
@ExtendWith(MemcachedExtension.class)
class ArithmeticTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"META", "TEXT", "BINARY"})
    void incrAndDecr(Protocol protocol, MemcachedServer server) {
        try (Memcache<String> mc = Support.client(protocol, server.uri())) {
            mc.set("n", "10");
            assertThat(mc.incr("n", 5)).isEqualTo(15);
            assertThat(mc.decr("n", 3)).isEqualTo(12);
            assertThat(mc.incr("n", 0)).isEqualTo(12);
            assertThat(Support.valueOf(mc.async().incr("n", 8), WAIT)).isEqualTo(20);
            assertThat(Support.valueOf(mc.async().decr("n", 1), WAIT)).isEqualTo(19);
            assertThat(mc.get("n").trim()).isEqualTo("19");
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"META", "TEXT", "BINARY"})
    void notFoundAndNonNumeric(Protocol protocol, MemcachedServer server) {
        try (Memcache<String> mc = Support.client(protocol, server.uri())) {
            assertThatThrownBy(() -> mc.incr("absent", 1))
                    .isInstanceOf(NotFound.class)
                    .hasMessageContaining("absent");
            assertThatThrownBy(() -> mc.decr("absent", 1)).isInstanceOf(NotFound.class);
            assertThat(Support.failureOf(mc.async().incr("absent", 1), WAIT)).isInstanceOf(NotFound.class);
            assertThatThrownBy(() -> mc.get("absent")).isSameAs(NoValue.INSTANCE);

            mc.set("word", "hello");
            assertThatThrownBy(() -> mc.incr("word", 1))
                    .isInstanceOf(NonNumeric.class)
                    .hasMessageContaining("word");
            assertThatThrownBy(() -> mc.decr("word", 1)).isInstanceOf(NonNumeric.class);
            assertThat(Support.failureOf(mc.async().decr("word", 1), WAIT)).isInstanceOf(NonNumeric.class);
            mc.set("negative", "-1");
            assertThatThrownBy(() -> mc.incr("negative", 1)).isInstanceOf(NonNumeric.class);
            mc.set("too-long", "123456789012345678901");
            assertThatThrownBy(() -> mc.incr("too-long", 1)).isInstanceOf(NonNumeric.class);
            assertThat(mc.get("word")).isEqualTo("hello");
            // the connection is still in step after the refusals
            mc.set("n", "1");
            assertThat(mc.incr("n", 1)).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"META", "TEXT", "BINARY"})
    void sixtyFourBitUnsignedEdges(Protocol protocol, MemcachedServer server) {
        try (Memcache<String> mc = Support.client(protocol, server.uri())) {
            mc.set("max", "18446744073709551615");
            assertThat(mc.incr("max", 1)).as("incr wraps at 2^64").isZero();
            mc.set("max", "18446744073709551615");
            assertThat(mc.incr("max", 3)).isEqualTo(2);

            mc.set("big", "9223372036854775807");
            long n = mc.incr("big", 1);
            assertThat(Long.toUnsignedString(n))
                    .as("values past Long.MAX_VALUE are unsigned")
                    .isEqualTo("9223372036854775808");
            assertThat(Long.toUnsignedString(mc.incr("big", 1))).isEqualTo("9223372036854775809");

            // a negative delta would wrap on the server (incr by -1 acting as decr): refused before sending
            mc.set("d", "5");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> mc.incr("d", -1L))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("delta");
            assertThat(mc.get("d")).isEqualTo("5");

            mc.set("small", "5");
            assertThat(mc.decr("small", 10)).as("decr stops at 0").isZero();
            assertThat(mc.decr("small", 1)).isZero();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> mc.decr("small", -1L))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("delta");
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"META", "TEXT", "BINARY"})
    void initialValueCreatesTheCounter(Protocol protocol, MemcachedServer server) {
        try (Memcache<String> mc = Support.client(protocol, server.uri())) {
            assertThat(mc.incr("c", 5, 100, Duration.ofMinutes(5)))
                    .as("created at the initial value")
                    .isEqualTo(100);
            assertThat(mc.incr("c", 5, 100, Duration.ofMinutes(5))).isEqualTo(105);
            assertThat(mc.decr("c", 10, 100, Duration.ofMinutes(5))).isEqualTo(95);
            assertThat(mc.decr("d", 1, 7, Duration.ZERO)).isEqualTo(7);
            assertThat(mc.decr("d", 1, 7, Duration.ZERO)).isEqualTo(6);
            assertThat(Support.valueOf(mc.async().incr("e", 1, 0, Duration.ofDays(40)), WAIT))
                    .isZero();
            assertThat(mc.incr("e", 1)).isEqualTo(1);
            assertThat(mc.get("c").trim()).isEqualTo("95");
            mc.set("word", "x");
            assertThatThrownBy(() -> mc.incr("word", 1, 0, Duration.ZERO)).isInstanceOf(NonNumeric.class);
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"META", "TEXT", "BINARY"})
    void concurrentCreatesCountEveryIncrement(Protocol protocol, MemcachedServer server) {
        try (Memcache<String> mc = Support.client(protocol, server.uri())) {
            List<CompletableFuture<Long>> futures = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                futures.add(mc.async().incr("race", 1, 0, Duration.ZERO));
            }
            List<Long> seen = new ArrayList<>();
            for (CompletableFuture<Long> f : futures) {
                seen.add(Support.valueOf(f, WAIT));
            }
            // exactly one caller created the counter at 0; the other 199 each added one
            assertThat(seen).doesNotHaveDuplicates().hasSize(200);
            assertThat(mc.incr("race", 0)).isEqualTo(199);
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"META", "TEXT", "BINARY"})
    void longsTranscoderWorksWithCounters(Protocol protocol, MemcachedServer server) {
        try (Memcache<Long> mc = Memcache.builder(Transcoders.longs())
                .servers(server.uri())
                .protocol(protocol)
                .build()) {
            mc.set("n", 41L);
            assertThat(mc.incr("n", 1)).isEqualTo(42);
            assertThat(mc.get("n")).isEqualTo(42L);
        }
    }
}
