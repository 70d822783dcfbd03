package io.memcached2.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memcached2.Memcache;
import io.memcached2.Protocol;
import io.memcached2.ServerDisconnect;
import io.memcached2.testkit.MemcachedExtension;
import io.memcached2.testkit.MemcachedServer;
import java.util.List;
import java.util.concurrent.ConcurrentMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The map view when servers are down, and where the text protocol cannot serve it. */
@ExtendWith(MemcachedExtension.class)
class MemcacheMapTroubleTest {

    @Test
    void sizeCountsADownServerAsEmpty(List<MemcachedServer> servers) {
        try (Memcache<String> mc = Clients.ready(Clients.troubled(servers.get(0), servers.get(1))
                .selector(Clients::byLastCharacter)
                .build())) {
            ConcurrentMap<String, String> map = mc.asMap();
            for (String k : List.of("a0", "b0", "c0", "a1", "b1")) {
                map.put(k, "v");
            }
            assertThat(map.size()).isEqualTo(5);

            servers.get(0).kill();
            assertThat(map.size()).as("the keys ending in an odd digit").isEqualTo(2);
        }
    }

    @Test
    void serverTroubleThrowsRatherThanReadingAsAbsent(MemcachedServer server) {
        try (Memcache<String> mc = Clients.ready(Clients.troubled(server).build())) {
            ConcurrentMap<String, String> map = mc.asMap();
            server.kill();

            assertThatThrownBy(() -> map.get("k")).isInstanceOf(ServerDisconnect.class);
            assertThatThrownBy(() -> map.put("k", "v")).isInstanceOf(ServerDisconnect.class);
            assertThatThrownBy(() -> map.putIfAbsent("k", "v")).isInstanceOf(ServerDisconnect.class);
            assertThat(map.size()).isZero();
        }
    }

    @Test
    void conditionalRemoveNeedsTheMetaProtocol(MemcachedServer server) {
        try (Memcache<String> mc =
                Clients.ready(Clients.troubled(server).protocol(Protocol.TEXT).build())) {
            ConcurrentMap<String, String> map = mc.asMap();
            mc.set("k", "v");

            assertThatThrownBy(() -> map.remove("k", "v"))
                    .isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("meta protocol");
            assertThatThrownBy(() -> map.compute("k", (k, v) -> null))
                    .isInstanceOf(UnsupportedOperationException.class);
            assertThat(map.get("k")).isEqualTo("v");
            assertThat(map.replace("k", "v", "w"))
                    .as("a CAS store works in text")
                    .isTrue();
            assertThat(map.get("k")).isEqualTo("w");
        }
    }
}
