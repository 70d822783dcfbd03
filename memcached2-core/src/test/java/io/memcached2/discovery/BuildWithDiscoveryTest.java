package io.memcached2.discovery;

import static io.memcached2.discovery.ConfigEndpoint.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memcached2.Discovery;
import io.memcached2.InvalidURI;
import io.memcached2.Memcache;
import io.memcached2.OperationTimeout;
import io.memcached2.ProtocolError;
import io.memcached2.ServerDisconnect;
import io.memcached2.Tls;
import io.memcached2.testkit.FakeServer;
import io.memcached2.testkit.MemcachedServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Building a client on a configuration endpoint: the first list, or a clear failure naming the endpoint. */
class BuildWithDiscoveryTest {

    @Test
    void anUnreachableEndpointFailsTheBuildNamingIt() {
        String endpoint;
        try (FakeServer gone = FakeServer.start()) {
            endpoint = gone.host() + ":" + gone.port();
        }
        long start = System.nanoTime();
        assertThatThrownBy(() -> Memcache.builder()
                        .discovery(Discovery.elastiCache(endpoint))
                        .build())
                .isInstanceOf(ServerDisconnect.class)
                .hasMessageContaining("configuration endpoint " + endpoint);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        assertThat(Nodes.pollerThreadAlive()).isFalse();
    }

    @Test
    void aStalledEndpointFailsTheBuildWithinTheConnectAndOperationTimeouts() {
        try (ConfigEndpoint endpoint = new ConfigEndpoint()) {
            endpoint.fake.stall(true);
            long start = System.nanoTime();
            assertThatThrownBy(() -> Memcache.builder()
                            .discovery(Discovery.elastiCache(endpoint.endpoint()))
                            .connectTimeout(Duration.ofMillis(500))
                            .operationTimeout(Duration.ofMillis(500))
                            .build())
                    .isInstanceOf(OperationTimeout.class)
                    .hasMessageContaining("configuration endpoint " + endpoint.endpoint());
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .isLessThan(Duration.ofSeconds(10))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(450));
        }
    }

    @Test
    void garbageAtBuildIsAProtocolErrorNamingTheEndpoint() {
        try (ConfigEndpoint endpoint = new ConfigEndpoint()) {
            endpoint.answerRaw("CONFIG cluster 0 3\r\n1\n\n\r\nEND\r\n");
            assertThatThrownBy(() -> Memcache.builder()
                            .discovery(Discovery.elastiCache(endpoint.endpoint()))
                            .build())
                    .isInstanceOf(ProtocolError.class)
                    .hasMessageContaining("configuration endpoint " + endpoint.endpoint())
                    .hasMessageContaining("no nodes");
        }
    }

    @Test
    void serversAndDiscoveryAreExclusiveAndTlsIsRefused() {
        Discovery d = Discovery.elastiCache("cfg.example.test:11211");
        assertThatThrownBy(() -> Memcache.builder()
                        .servers("127.0.0.1:11211")
                        .discovery(d)
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("both servers(...) and discovery(...)");
        assertThatThrownBy(() -> Memcache.builder()
                        .discovery(d)
                        .tls(Tls.builder().build())
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tls");
    }

    @Test
    void memorystoreSpeaksTheSameProtocolWithIpsForHostNames() {
        try (MemcachedServer node = MemcachedServer.start();
                ConfigEndpoint endpoint = new ConfigEndpoint()) {
            endpoint.publish(1, node.host() + "|" + node.host() + "|" + node.port());
            try (Memcache<String> mc = Memcache.builder()
                    .discovery(Discovery.memorystore(endpoint.endpoint()).pollInterval(Nodes.POLL))
                    .build()) {
                assertThat(Nodes.servers(mc)).containsExactly(entry(node.host(), node));
                mc.set("memorystore", "ok");
                assertThat(mc.get("memorystore")).isEqualTo("ok");
            }
        }
    }

    @Test
    void discoveryIsAnImmutableValue() {
        Discovery d = Discovery.elastiCache("cfg.example.test");
        assertThat(d.pollInterval()).isEqualTo(Duration.ofSeconds(60)).isEqualTo(Discovery.DEFAULT_POLL_INTERVAL);
        assertThat(d.port()).isEqualTo(11211);
        Discovery faster = d.pollInterval(Duration.ofSeconds(5));
        assertThat(faster).isNotSameAs(d).isNotEqualTo(d);
        assertThat(d.pollInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(faster.pollInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(faster.toString()).contains("cfg.example.test:11211");
        assertThatThrownBy(() -> d.pollInterval(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Discovery.elastiCache("memcached+unix:///tmp/x.sock"))
                .isInstanceOf(InvalidURI.class);
        assertThatThrownBy(() -> Discovery.elastiCache("host:99999")).isInstanceOf(InvalidURI.class);
    }
}
