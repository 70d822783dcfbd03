package io.memcached2.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memcached2.Memcache;
import io.memcached2.Protocol;
import io.memcached2.ServerStats;
import io.memcached2.testkit.FakeServer;
import io.memcached2.testkit.MemcachedExtension;
import io.memcached2.testkit.MemcachedServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The stats sub-commands besides the general and the table kinds, against a real memcached, in both protocols. */
@ExtendWith(MemcachedExtension.class)
class StatsSubcommandsTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    /** The client addresses memcached lists in {@code stats conns}: unchanged while no connection was replaced. */
    private static Set<String> clientConnections(Memcache<String> mc) {
        Set<String> addrs = new TreeSet<>();
        mc.stats("conns").get(0).raw().forEach((name, value) -> {
            if (name.endsWith(":addr")
                    && !value.endsWith(":" + mc.servers().get(0).port())) {
                addrs.add(value);
            }
        });
        return addrs;
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"META", "TEXT"})
    void resetClearsTheCountersAndKeepsTheConnection(Protocol protocol, MemcachedServer server) {
        try (Memcache<String> mc = Support.client(protocol, server.uri())) {
            mc.set("a", "1");
            mc.get("a");
            Set<String> before = clientConnections(mc);
            assertThat(mc.stats().get(0).number("get_hits")).isEqualTo(1);

            List<ServerStats> reset = mc.stats("reset");
            assertThat(reset).hasSize(1).doesNotContainNull();
            assertThat(reset.get(0).raw()).isEmpty();
            assertThat(mc.stats().get(0).number("get_hits")).isZero();
            assertThat(Support.valueOf(mc.async().stats("reset"), WAIT)).doesNotContainNull();
            assertThat(clientConnections(mc)).as("connections after reset").isEqualTo(before);
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"META", "TEXT"})
    void detailCachedumpAndSizesToggles(Protocol protocol, MemcachedServer server) {
        try (Memcache<String> mc = Support.client(protocol, server.uri())) {
            assertThat(mc.stats("detail on").get(0).raw()).isEmpty();
            mc.set("user:1", "x");
            mc.get("user:1");
            Map<String, String> prefixes = mc.stats("detail dump").get(0).raw();
            if (protocol == Protocol.TEXT) {
                assertThat(prefixes).containsExactly(Map.entry("user", "get 1 hit 1 set 1 del 0"));
            } else {
                assertThat(prefixes)
                        .as("memcached 1.6.18 counts prefixes of classic commands only")
                        .isEmpty();
            }
            assertThat(mc.stats("detail off").get(0).raw()).isEmpty();

            // cachedump lists the COLD LRU, where memcached's LRU maintainer moves new items on its own schedule
            Support.await(
                    "user:1 listed by cachedump",
                    WAIT,
                    () -> mc.stats("cachedump 1 0").get(0).raw().containsKey("user:1"));
            Map<String, String> dump = mc.stats("cachedump 1 0").get(0).raw();
            assertThat(dump).containsOnlyKeys("user:1");
            assertThat(dump.get("user:1")).matches("\\[1 b; [0-9]+ s\\]");

            assertThat(mc.stats("sizes_enable").get(0).get("sizes_status")).isEqualTo("enabled");
            assertThat(mc.stats("sizes_disable").get(0).get("sizes_status")).isEqualTo("disabled");
            assertThat(mc.get("user:1")).isEqualTo("x");
        }
    }

    @Test
    void unknownSubcommandsAreRefusedBeforeAnythingIsSent() {
        try (FakeServer fake = FakeServer.start();
                Memcache<String> mc = Support.client(Protocol.TEXT, fake.uri())) {
            fake.whenLineStartsWith("version", "VERSION 1.6.18\r\n");
            assertThatThrownBy(() -> mc.stats("nosuch"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'nosuch'");
            assertThatThrownBy(() -> mc.async().stats("cachedump 1"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("stats cachedump");
            assertThatThrownBy(() -> mc.exceptionsAreMisses().errorsExposed().stats("detail"))
                    .isInstanceOf(IllegalArgumentException.class);
            mc.version();
            assertThat(fake.received()).noneMatch(line -> line.startsWith("stats"));
        }
    }
}
