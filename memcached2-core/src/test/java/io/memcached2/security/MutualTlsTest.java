package io.memcached2.security;

import static io.memcached2.security.Eventually.SLOW_BOX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memcached2.Memcache;
import io.memcached2.Protocol;
import io.memcached2.ServerDisconnect;
import io.memcached2.Tls;
import io.memcached2.testkit.MemcachedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutual TLS against memcached {@code -Z -o ssl_verify_mode=2}, and certificate files replaced on disk while the
 * client runs: new connections use the new files.
 */
class MutualTlsTest {
    @TempDir
    static Path dir;

    static TestPki ca;
    static TestPki strangerCa;
    static TestPki.Issued clientCert;
    static TestPki.Issued strangerClientCert;
    static MemcachedServer server;

    @BeforeAll
    static void startServer() throws Exception {
        ca = TestPki.newCa(dir, "mtls");
        strangerCa = TestPki.newCa(dir, "stranger");
        TestPki.Issued serverCert = ca.issue("server", "IP:127.0.0.1");
        clientCert = ca.issue("client", "DNS:client.example.com");
        strangerClientCert = strangerCa.issue("client", "DNS:client.example.com");
        server = MemcachedServer.builder()
                .tls(serverCert.cert(), serverCert.key())
                .tlsClientCa(ca.caCert)
                .start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static Memcache<String> client(Tls tls) {
        return Memcache.builder()
                .servers(server.uri())
                .tls(tls)
                .protocol(Protocol.META)
                .connectTimeout(Duration.ofSeconds(3))
                .operationTimeout(SLOW_BOX)
                .build();
    }

    @Test
    void acceptsTheRightClientCertificate() {
        try (Memcache<String> client = client(Tls.builder()
                .trustPem(ca.caCert)
                .clientCertificate(clientCert.cert(), clientCert.key())
                .build())) {
            client.set("mtls", "yes");
            assertThat(client.get("mtls")).isEqualTo("yes");
        }
    }

    @Test
    void isRefusedWithoutAClientCertificate() {
        try (Memcache<String> client = client(Tls.builder().trustPem(ca.caCert).build())) {
            assertThatThrownBy(() -> client.get("mtls"))
                    .isInstanceOf(ServerDisconnect.class)
                    .hasMessageContaining("TLS failed")
                    .hasMessageContaining("requires a client certificate");
        }
    }

    @Test
    void isRefusedWithACertificateFromAnotherCa() {
        // the server names the CAs it accepts, so the JDK sends no certificate at all rather than this one
        try (Memcache<String> client = client(Tls.builder()
                .trustPem(ca.caCert)
                .clientCertificate(strangerClientCert.cert(), strangerClientCert.key())
                .build())) {
            assertThatThrownBy(() -> client.get("mtls"))
                    .isInstanceOf(ServerDisconnect.class)
                    .hasMessageContaining("TLS failed")
                    .hasMessageContaining("not issued by a CA the server accepts");
        }
    }

    @Test
    void newConnectionsUseReplacedCertificateFiles() throws Exception {
        Path trust = copy(strangerCa.caCert, dir.resolve("reload-trust.pem"));
        Path cert = copy(strangerClientCert.cert(), dir.resolve("reload-client.pem"));
        Path key = copy(strangerClientCert.key(), dir.resolve("reload-client.key"));
        try (Memcache<String> client = client(
                Tls.builder().trustPem(trust).clientCertificate(cert, key).build())) {
            assertThatThrownBy(() -> client.get("reload")).hasMessageContaining("unknown CA");

            // renewed material arrives on disk: the next connection attempt must pick it up, without a restart
            copy(ca.caCert, trust);
            copy(clientCert.cert(), cert);
            copy(clientCert.key(), key);
            Eventually.succeeds(Duration.ofSeconds(10), () -> {
                client.set("reload", "renewed");
                return null;
            });
            assertThat(client.get("reload")).isEqualTo("renewed");

            // and back: once the connection is lost, the replaced (wrong) files are used again
            copy(strangerCa.caCert, trust);
            server.restart();
            Eventually.succeeds(
                    Duration.ofSeconds(10),
                    () -> assertThatThrownBy(() -> client.get("reload")).hasMessageContaining("unknown CA"));
        }
    }

    @Test
    void aReplacedFileThatIsNoLongerValidFailsTheConnectionNamingIt() throws Exception {
        Path key = copy(clientCert.key(), dir.resolve("broken-client.key"));
        try (Memcache<String> client = client(Tls.builder()
                .trustPem(ca.caCert)
                .clientCertificate(clientCert.cert(), key)
                .build())) {
            client.set("broken", "before");
            Files.writeString(key, "-----BEGIN PRIVATE KEY-----\nnot base64\n-----END PRIVATE KEY-----\n");
            server.restart();
            Eventually.succeeds(
                    Duration.ofSeconds(10),
                    () -> assertThatThrownBy(() -> client.get("broken"))
                            .isInstanceOf(ServerDisconnect.class)
                            .hasMessageContaining(key.toString()));
        }
    }

    private static Path copy(Path from, Path to) throws Exception {
        // a rename, as a careful deployment does, so that a connection never reads a half-written file
        Path tmp = Files.copy(from, to.resolveSibling(to.getFileName() + ".tmp"), StandardCopyOption.REPLACE_EXISTING);
        return Files.move(tmp, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
