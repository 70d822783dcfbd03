package io.memcached2.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memcached2.Memcache;
import io.memcached2.NoValue;
import io.memcached2.Protocol;
import io.memcached2.ServerAddress;
import io.memcached2.ServerStats;
import io.memcached2.testkit.MemcachedExtension;
import io.memcached2.testkit.MemcachedServer;
import io.memcached2.testkit.MemcachedServers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** flush_all, stats of every kind and version against real memcached servers, in both protocols. */
@ExtendWith(MemcachedExtension.class)
class AdminCommandsTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"META", "TEXT", "BINARY"})
    void flushAllInvalidatesEverything(Protocol protocol, MemcachedServer server) {
        try (Memcache<String> mc = Support.client(protocol, server.uri())) {
            mc.set("a", "1");
            mc.set("b", "2");
            mc.flushAll();
            assertThat(mc.getMulti(List.of("a", "b"))).isEmpty();
            assertThatThrownBy(() -> mc.get("a")).isSameAs(NoValue.INSTANCE);
            mc.set("c", "3");
            Support.valueOf(mc.async().flushAll(), WAIT);
            assertThatThrownBy(() -> mc.get("c")).isSameAs(NoValue.INSTANCE);
        }
    }

    @Test
    void flushAllWithDelayInvalidatesLater(MemcachedServer server) {
        try (Memcache<String> mc = Support.client(Protocol.META, server.uri())) {
            mc.set("a", "1");
            // memcached's clock ticks once a second; 3 s leaves room for one tick before the read below
            mc.flushAll(Duration.ofSeconds(3));
            assertThat(mc.get("a")).as("still there before the delay passed").isEqualTo("1");
            Support.await(
                    "delayed flush to invalidate the item",
                    Duration.ofSeconds(8),
                    () -> Support.thrownBy(() -> mc.get("a")) == NoValue.INSTANCE);
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"META", "TEXT", "BINARY"})
    void generalStatsAreParsed(Protocol protocol, MemcachedServer server) {
        try (Memcache<String> mc = Support.client(protocol, server.uri())) {
            mc.set("a", "1");
            mc.set("b", "2");
            List<ServerStats> stats = mc.stats();
            assertThat(stats).hasSize(1);
            ServerStats s = stats.get(0);
            assertThat(s.server().port()).isEqualTo(server.port());
            assertThat(s.currItems()).isEqualTo(2);
            assertThat(s.uptime()).isGreaterThanOrEqualTo(0);
            assertThat(s.version()).isEqualTo("1.6.18");
            assertThat(s.number("pid")).isPositive();
            assertThat(s.number("cmd_set")).isGreaterThanOrEqualTo(2);
            assertThat(s.number("rusage_user")).isGreaterThanOrEqualTo(0);
            assertThatThrownBy(() -> s.number("no_such_stat")).isInstanceOf(IllegalArgumentException.class);
            assertThat(Support.valueOf(mc.async().stats(), WAIT).get(0).currItems())
                    .isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"META", "TEXT"})
    void statsOfEachKind(Protocol protocol, MemcachedServer server) {
        try (Memcache<String> mc = Support.client(protocol, server.uri())) {
            mc.set("a", "1");
            ServerStats items = mc.stats("items").get(0);
            assertThat(items.raw()).containsKey("items:1:number");
            assertThat(items.number("items:1:number")).isEqualTo(1);
            ServerStats slabs = mc.stats("slabs").get(0);
            assertThat(slabs.raw()).containsKeys("active_slabs", "total_malloced", "1:chunk_size");
            ServerStats settings = mc.stats("settings").get(0);
            assertThat(settings.number("maxbytes")).isEqualTo(64L << 20);
            assertThat(settings.number("item_size_max")).isEqualTo(1 << 20);
            assertThat(settings.number("tcpport")).isEqualTo(server.port());
            ServerStats sizes = mc.stats("sizes").get(0);
            assertThat(sizes.get("sizes_status")).isEqualTo("disabled");
            ServerStats conns = mc.stats("conns").get(0);
            assertThat(conns.raw().keySet()).anyMatch(k -> k.endsWith(":addr"));
            assertThat(Support.valueOf(mc.async().stats("settings"), WAIT)
                            .get(0)
                            .get("maxconns"))
                    .isNotNull();
            assertThatThrownBy(() -> mc.stats("bad kind\r\nflush_all")).isInstanceOf(IllegalArgumentException.class);
            assertThat(mc.get("a")).isEqualTo("1");
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"META", "TEXT", "BINARY"})
    void version(Protocol protocol, MemcachedServer server) {
        try (Memcache<String> mc = Support.client(protocol, server.uri())) {
            Map<ServerAddress, String> versions = mc.version();
            assertThat(versions).hasSize(1);
            assertThat(versions.keySet().iterator().next().port()).isEqualTo(server.port());
            assertThat(versions.values()).containsExactly("1.6.18");
            assertThat(Support.valueOf(mc.async().version(), WAIT).values()).containsExactly("1.6.18");
        }
    }

    @Test
    void statsAndVersionHaveNullForADownServer(@MemcachedServers(count = 2) List<MemcachedServer> servers) {
        List<String> uris = new ArrayList<>();
        servers.forEach(s -> uris.add(s.uri()));
        try (Memcache<String> mc = Support.client(Protocol.META, uris.get(0), b -> b.servers(uris.get(1)))) {
            assertThat(mc.stats()).hasSize(2).doesNotContainNull();
            servers.get(1).kill();
            Support.await(
                    "stats of the killed server to be null",
                    WAIT,
                    () -> mc.stats().get(1) == null);
            List<ServerStats> stats = mc.stats("settings");
            assertThat(stats.get(0).number("tcpport")).isEqualTo(servers.get(0).port());
            assertThat(stats.get(1)).isNull();
            Map<ServerAddress, String> versions = mc.version();
            assertThat(versions).hasSize(2);
            assertThat(new ArrayList<>(versions.values())).containsExactly("1.6.18", null);
            // flush_all needs every server
            assertThatThrownBy(mc::flushAll)
                    .isInstanceOfSatisfying(
                            io.memcached2.MultiServerException.class,
                            e -> assertThat(e.failures())
                                    .containsOnlyKeys(mc.servers().get(1)));
        }
    }
}
