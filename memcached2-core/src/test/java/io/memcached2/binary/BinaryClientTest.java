package io.memcached2.binary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memcached2.Memcache;
import io.memcached2.NoValue;
import io.memcached2.Protocol;
import io.memcached2.ServerStats;
import io.memcached2.testkit.MemcachedExtension;
import io.memcached2.testkit.MemcachedServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Protocol.BINARY against a plain memcached, for what differs from meta and text (the commands shared by all three
 * are in the client tests, parameterized by protocol): stats over binary, what binary cannot express, and that
 * the choice is never made for the user.
 */
@ExtendWith(MemcachedExtension.class)
class BinaryClientTest {
    private static Memcache<String> binary(MemcachedServer server) {
        return Memcache.builder()
                .servers(server.uri())
                .protocol(Protocol.BINARY)
                .operationTimeout(Duration.ofSeconds(5))
                .build();
    }

    @Test
    void statsOfEachKindBinaryHas(MemcachedServer server) {
        try (Memcache<String> mc = binary(server)) {
            mc.set("a", "1");
            assertThat(mc.stats().get(0).number("curr_items")).isEqualTo(1);
            assertThat(mc.stats("items").get(0).number("items:1:number")).isEqualTo(1);
            assertThat(mc.stats("slabs").get(0).raw()).containsKeys("active_slabs", "1:chunk_size");
            assertThat(mc.stats("settings").get(0).number("tcpport")).isEqualTo(server.port());
            assertThat(mc.stats("sizes_enable").get(0).raw()).containsExactly(Map.entry("sizes_status", "enabled"));
            assertThat(mc.stats("sizes_disable").get(0).raw()).containsExactly(Map.entry("sizes_status", "disabled"));
            assertThat(mc.stats("detail on").get(0).raw()).isEmpty();
            mc.set("user:1", "x");
            mc.get("user:1");
            // unlike meta, binary commands are counted by prefix
            assertThat(mc.stats("detail dump").get(0).raw())
                    .containsExactly(Map.entry("user", "get 1 hit 1 set 1 del 0"));
            assertThat(mc.stats("detail off").get(0).raw()).isEmpty();
            assertThat(mc.stats("reset").get(0).raw()).isEmpty();
            assertThat(mc.stats().get(0).number("get_hits")).isZero();
        }
    }

    @Test
    void statsMemcachedAnswersOnlyInTextAreRefusedBeforeSending(MemcachedServer server) throws Exception {
        try (Memcache<String> mc = binary(server)) {
            for (String kind : List.of("conns", "extstore", "cachedump 1 0")) {
                List<ServerStats> stats = mc.stats(kind);
                assertThat(stats)
                        .as("a server that failed is null, as for any stats failure")
                        .containsOnlyNulls();
                assertThat(mc.async().stats(kind).toCompletableFuture().get(5, TimeUnit.SECONDS))
                        .containsOnlyNulls();
            }
            assertThat(mc.version().values()).containsExactly("1.6.18");
        }
    }

    @Test
    void cacheAndInvalidateWorkWithoutLeases(MemcachedServer server) {
        try (Memcache<String> mc = binary(server)) {
            assertThat(mc.cache("c", k -> "loaded " + k)).isEqualTo("loaded c");
            assertThat(mc.cache("c", k -> "again")).isEqualTo("loaded c");
            assertThat(mc.invalidate("c")).isTrue();
            assertThatThrownBy(() -> mc.get("c"))
                    .as("without meta, invalidate deletes")
                    .isInstanceOf(NoValue.class);
        }
    }

    @Test
    void incrWithAnInitialValueIsOneCommand(MemcachedServer server) {
        try (Memcache<String> mc = binary(server)) {
            long before = mc.stats().get(0).number("cmd_set");
            assertThat(mc.incr("n", 1, 100, Duration.ofMinutes(1))).isEqualTo(100);
            assertThat(mc.decr("n", 1, 100, Duration.ofMinutes(1))).isEqualTo(99);
            assertThat(mc.stats().get(0).number("cmd_set"))
                    .as("no add fallback")
                    .isEqualTo(before);
            assertThat(mc.stats().get(0).number("incr_misses")).isZero();
        }
    }

    @Test
    void autoNeverPicksBinary(MemcachedServer server) {
        try (Memcache<String> auto = Memcache.builder().servers(server.uri()).build()) {
            auto.set("k", "v");
            assertThat(auto.stats("settings").get(0).get("binding_protocol")).isEqualTo("auto-negotiate");
            assertThat(auto.stats("conns").get(0).raw().values()).noneMatch(v -> v.equals("binary"));
        }
    }
}
