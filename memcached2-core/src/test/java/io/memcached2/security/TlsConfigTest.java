package io.memcached2.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memcached2.Memcache;
import io.memcached2.MemcacheBuilder;
import io.memcached2.Tls;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A TLS configuration mistake fails {@code build()}, naming the file or option, not the first request. */
class TlsConfigTest {
    // nothing listens here: build() must fail before any connection attempt matters
    private static final String URI = "memcached+tls://127.0.0.1:1/";

    @TempDir
    static Path dir;

    static TestPki ca;
    static TestPki.Issued client;
    static Path garbage;

    @BeforeAll
    static void makeFiles() throws Exception {
        ca = TestPki.newCa(dir, "config");
        client = ca.issue("client", "DNS:client.example.com");
        garbage = Files.writeString(
                dir.resolve("garbage.pem"),
                "-----BEGIN CERTIFICATE-----\nnot a certificate\n" + "-----END CERTIFICATE-----\n");
    }

    private static MemcacheBuilder<String> builder(Tls tls) {
        return Memcache.builder().servers(URI).tls(tls);
    }

    @Test
    void missingTrustFile() {
        Path missing = dir.resolve("missing-ca.pem");
        assertThatThrownBy(
                        () -> builder(Tls.builder().trustPem(missing).build()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("does not exist");
    }

    @Test
    void garbageTrustFile() {
        assertThatThrownBy(
                        () -> builder(Tls.builder().trustPem(garbage).build()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trusted CA file " + garbage)
                .hasMessageContaining("no valid PEM certificate");
    }

    @Test
    void garbageClientCertificate() {
        assertThatThrownBy(() -> builder(Tls.builder()
                                .trustPem(ca.caCert)
                                .clientCertificate(garbage, client.key())
                                .build())
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("client certificate file " + garbage);
    }

    @Test
    void clientKeyThatIsNotAKey() {
        // the certificate where the key should be: a common slip
        assertThatThrownBy(() -> builder(Tls.builder()
                                .trustPem(ca.caCert)
                                .clientCertificate(client.cert(), client.cert())
                                .build())
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("client key file " + client.cert())
                .hasMessageContaining("PKCS#8");
    }

    @Test
    void missingClientKey() {
        Path missing = dir.resolve("missing.key");
        assertThatThrownBy(() -> builder(Tls.builder()
                                .trustPem(ca.caCert)
                                .clientCertificate(client.cert(), missing)
                                .build())
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void unknownCipherSuite() {
        assertThatThrownBy(() -> builder(Tls.builder()
                                .trustPem(ca.caCert)
                                .ciphers("TLS_NO_SUCH_SUITE")
                                .build())
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TLS_NO_SUCH_SUITE");
    }

    @Test
    void aValidConfigurationBuildsWithoutAReachableServer() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        try (InputStream in = Files.newInputStream(ca.caCert)) {
            store.setCertificateEntry(
                    "ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        try (Memcache<String> built = builder(Tls.builder()
                        .trustStore(store)
                        .clientCertificate(client.cert(), client.key())
                        .protocols("TLSv1.3")
                        .build())
                .build()) {
            assertThat(built.servers()).hasSize(1);
        }
    }
}
