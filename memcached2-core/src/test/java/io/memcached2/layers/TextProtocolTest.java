package io.memcached2.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memcached2.CASFailure;
import io.memcached2.ExceptionsAreMissesMemcache;
import io.memcached2.Memcache;
import io.memcached2.Protocol;
import io.memcached2.Transcoders;
import io.memcached2.Value;
import io.memcached2.testkit.MemcachedExtension;
import io.memcached2.testkit.MemcachedServer;
import java.time.Duration;
import java.util.concurrent.ConcurrentMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The layers over the classic text protocol, which has everything they use except a delete with a CAS unique. */
@ExtendWith(MemcachedExtension.class)
class TextProtocolTest {
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private static Memcache<String> text(MemcachedServer server) {
        return Memcache.builder().servers(server.uri()).protocol(Protocol.TEXT).build();
    }

    @Test
    void exceptionsAreMisses(MemcachedServer server) {
        try (Memcache<String> mc = text(server)) {
            ExceptionsAreMissesMemcache<String> lax = mc.exceptionsAreMisses();

            assertThat(lax.get("k")).isNull();
            assertThat(lax.add("k", "1")).isTrue();
            assertThat(lax.add("k", "1")).isFalse();
            assertThat(lax.incr("k", 2)).isEqualTo(3L);
            assertThat(lax.incr("counter", 1, 10, MINUTE)).isEqualTo(10L);
            assertThat(lax.gat("k", MINUTE)).isEqualTo("3");
            assertThat(lax.touch("absent", MINUTE)).isFalse();
            assertThatThrownBy(() -> lax.delete("k", 1)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void mapCountsWithMerge(MemcachedServer server) {
        try (Memcache<Long> mc = Memcache.builder(Transcoders.longs())
                .servers(server.uri())
                .protocol(Protocol.TEXT)
                .build()) {
            ConcurrentMap<String, Long> map = mc.asMap();

            for (int i = 0; i < 10; i++) {
                map.merge("n", 1L, Long::sum);
            }
            assertThat(map.get("n")).isEqualTo(10L);
            assertThat(map.putIfAbsent("n", 0L)).isEqualTo(10L);
            assertThat(map.replace("n", 10L, 11L)).isTrue();
            assertThat(map.remove("n")).isEqualTo(11L);
        }
    }

    @Test
    void valueWrappers(MemcachedServer server) {
        try (Memcache<String> mc = text(server)) {
            mc.set("k", "v1");
            Value<String> v = mc.value("k");

            Value<String> refreshed = v.setAndRefresh("v2");
            assertThat(refreshed.value()).isEqualTo("v2");
            assertThatThrownBy(() -> v.set("v3")).isInstanceOf(CASFailure.class);
            assertThatThrownBy(refreshed::delete)
                    .as("no delete with a CAS unique over text")
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(refreshed.withoutCas().delete()).isTrue();
        }
    }
}
