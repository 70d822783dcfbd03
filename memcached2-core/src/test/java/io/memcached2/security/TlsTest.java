package io.memcached2.security;

import static io.memcached2.security.Eventually.SLOW_BOX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memcached2.Memcache;
import io.memcached2.MemcachedException;
import io.memcached2.Protocol;
import io.memcached2.ServerDisconnect;
import io.memcached2.Tls;
import io.memcached2.testkit.FaultProxy;
import io.memcached2.testkit.MemcachedServer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** TLS against the real memcached ({@code -Z}): traffic, verification of the server, and failures that say why. */
class TlsTest {
    @TempDir
    static Path dir;

    static TestPki ca;
    static TestPki otherCa;
    static TestPki.Issued serverCert;
    static MemcachedServer server;

    @BeforeAll
    static void startServer() throws Exception {
        ca = TestPki.newCa(dir, "main");
        otherCa = TestPki.newCa(dir, "other");
        serverCert = ca.issue("server", "IP:127.0.0.1");
        server = MemcachedServer.builder()
                .tls(serverCert.cert(), serverCert.key())
                .start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static Memcache<String> client(String uri, Tls tls, Protocol protocol) {
        return Memcache.builder()
                .servers(uri)
                .tls(tls)
                .protocol(protocol)
                .connectTimeout(Duration.ofSeconds(3))
                .operationTimeout(SLOW_BOX)
                .build();
    }

    private static Tls trusting(TestPki authority) {
        return Tls.builder().trustPem(authority.caCert).build();
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void setsAndGetsOverTls(Protocol protocol) throws Exception {
        try (Memcache<String> client = client(server.uri(), trusting(ca), protocol)) {
            client.set("tls-" + protocol, "secret value");
            assertThat(client.get("tls-" + protocol)).isEqualTo("secret value");
            assertThat(client.async()
                            .get("tls-" + protocol)
                            .toCompletableFuture()
                            .get())
                    .isEqualTo("secret value");
        }
    }

    @Test
    void refusesAServerSignedByAnUnknownCa() {
        try (Memcache<String> client = client(server.uri(), trusting(otherCa), Protocol.META)) {
            assertThatThrownBy(() -> client.get("k"))
                    .isInstanceOf(ServerDisconnect.class)
                    .hasMessageContaining("TLS failed")
                    .hasMessageContaining("unknown CA");
        }
    }

    @Test
    void refusesACertificateForAnotherHostName() throws Exception {
        TestPki.Issued wrongName = ca.issue("wrong-name", "DNS:wrong.example.com");
        try (MemcachedServer impostor = MemcachedServer.builder()
                        .tls(wrongName.cert(), wrongName.key())
                        .start();
                Memcache<String> client = client(impostor.uri(), trusting(ca), Protocol.META)) {
            assertThatThrownBy(() -> client.get("k"))
                    .isInstanceOf(ServerDisconnect.class)
                    .hasMessageContaining("host name mismatch")
                    .hasMessageContaining("127.0.0.1");
        }
    }

    @Test
    void verifiesTheConfiguredServerNameInsteadOfTheAddress() throws Exception {
        TestPki.Issued named = ca.issue("named", "DNS:cache.example.com");
        try (MemcachedServer namedServer =
                        MemcachedServer.builder().tls(named.cert(), named.key()).start();
                Memcache<String> client = client(
                        namedServer.uri(),
                        Tls.builder()
                                .trustPem(ca.caCert)
                                .serverName("cache.example.com")
                                .build(),
                        Protocol.META)) {
            client.set("sni", "ok");
            assertThat(client.get("sni")).isEqualTo("ok");
        }
    }

    @Test
    void refusesTls11WhenTheClientIsBuilt() {
        // the JDK disables TLS 1.1 (jdk.tls.disabledAlgorithms), so it could only fail at every handshake
        assertThatThrownBy(() -> Memcache.builder()
                        .servers(server.uri())
                        .tls(Tls.builder()
                                .trustPem(ca.caCert)
                                .protocols("TLSv1.1")
                                .build())
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TLSv1.1 is unknown or disabled");
    }

    @Test
    void reportsAServerThatRefusesTheOfferedProtocolVersion() throws Exception {
        try (MemcachedServer tls13Only = MemcachedServer.builder()
                        .tls(serverCert.cert(), serverCert.key())
                        .extraArgs("-o", "ssl_min_version=3")
                        .start();
                Memcache<String> client = client(
                        tls13Only.uri(),
                        Tls.builder().trustPem(ca.caCert).protocols("TLSv1.2").build(),
                        Protocol.META)) {
            assertThatThrownBy(() -> client.get("k"))
                    .isInstanceOf(ServerDisconnect.class)
                    .hasMessageContaining("protocol version refused");
        }
    }

    @Test
    void corruptedBytesGiveACleanErrorAndAFreshConnection() throws Exception {
        try (FaultProxy proxy = FaultProxy.to(server);
                Memcache<String> client =
                        client("memcached+tls://127.0.0.1:" + proxy.port() + "/", trusting(ca), Protocol.META)) {
            client.set("corrupt", "value");
            assertThat(client.get("corrupt")).isEqualTo("value");
            proxy.corruptNext(8);
            assertThatThrownBy(() -> client.get("corrupt"))
                    .isInstanceOf(MemcachedException.class)
                    .hasMessageContaining("TLS failed");
            assertThat(Eventually.succeeds(Duration.ofSeconds(5), () -> client.get("corrupt")))
                    .isEqualTo("value");
            assertThat(proxy.connectionCount()).isEqualTo(2);
        }
    }
}
