package io.memcached2.security;

import static io.memcached2.security.Eventually.SLOW_BOX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memcached2.AuthenticationFailed;
import io.memcached2.InvalidURI;
import io.memcached2.Memcache;
import io.memcached2.MemcacheBuilder;
import io.memcached2.Protocol;
import io.memcached2.Tls;
import io.memcached2.testkit.FaultProxy;
import io.memcached2.testkit.MemcachedServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** memcached's ASCII authentication ({@code -Y}) against the real server. */
class AsciiAuthTest {
    static final String USER = "alice";
    static final String PASSWORD = "Right-Pa55word-7c1";
    static final String WRONG = "Wrong-Pa55word-9f2";

    @TempDir
    static Path dir;

    static Path authFile;
    static MemcachedServer server;

    @BeforeAll
    static void startServer() throws Exception {
        authFile = Files.writeString(dir.resolve("auth.txt"), USER + ":" + PASSWORD + "\n");
        server = MemcachedServer.builder().authFile(authFile).start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    static MemcacheBuilder<String> builder(String uri, String password) {
        return Memcache.builder()
                .servers(uri)
                .credentials(USER, password.toCharArray())
                .operationTimeout(SLOW_BOX);
    }

    @ParameterizedTest
    @EnumSource(value = Protocol.class, names = "BINARY", mode = EnumSource.Mode.EXCLUDE)
    void acceptsTheRightPassword(Protocol protocol) {
        try (Memcache<String> client =
                builder(server.uri(), PASSWORD).protocol(protocol).build()) {
            client.set("auth-" + protocol, "in");
            assertThat(client.get("auth-" + protocol)).isEqualTo("in");
        }
    }

    @Test
    void refusesAWrongPasswordWithoutReconnectingInALoop() throws Exception {
        try (FaultProxy proxy = FaultProxy.to(server);
                Memcache<String> client = builder(proxy.uri(), WRONG).build()) {
            assertThatThrownBy(() -> client.get("k"))
                    .isInstanceOf(AuthenticationFailed.class)
                    .hasMessageContaining("CLIENT_ERROR authentication failure");
            // an application that keeps asking must not turn into a client that keeps reconnecting
            int requests = 0;
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1500);
            while (System.nanoTime() - end < 0) {
                assertThatThrownBy(() -> client.get("k")).isInstanceOf(AuthenticationFailed.class);
                requests++;
                Thread.sleep(1);
            }
            assertThat(requests).isGreaterThan(100);
            // exponential backoff from 100 ms: about 5 attempts in 1.5 s, never one per request
            assertThat(proxy.connectionCount()).isBetween(1, 12);
        }
    }

    @Test
    void credentialsAppearNowhere() throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        StringBuilder seen = new StringBuilder();
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            MemcacheBuilder<String> builder = builder(server.uri(), WRONG);
            seen.append(builder).append('\n');
            try (Memcache<String> client = builder.build()) {
                seen.append(client).append('\n');
                for (int i = 0; i < 3; i++) {
                    try {
                        client.get("k");
                    } catch (AuthenticationFailed e) {
                        for (Throwable t = e; t != null; t = t.getCause()) {
                            seen.append(t).append('\n');
                        }
                    }
                }
            }
        } finally {
            System.setErr(original);
        }
        String logged = log.toString(StandardCharsets.UTF_8);
        assertThat(logged).contains("authentication failure"); // the failure itself is logged...
        assertThat(seen + logged).doesNotContain(WRONG).doesNotContain(PASSWORD); // ...the password never
        assertThat(seen.toString()).contains("credentials=<set>");
    }

    @Test
    void worksOverTlsToo() throws Exception {
        TestPki ca = TestPki.newCa(dir, "auth");
        TestPki.Issued cert = ca.issue("server", "IP:127.0.0.1");
        try (MemcachedServer tlsServer = MemcachedServer.builder()
                        .tls(cert.cert(), cert.key())
                        .authFile(authFile)
                        .start();
                Memcache<String> client = builder(tlsServer.uri(), PASSWORD)
                        .tls(Tls.builder().trustPem(ca.caCert).build())
                        .build()) {
            client.set("tls-auth", "both");
            assertThat(client.get("tls-auth")).isEqualTo("both");
        }
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void credentialsForAServerWithoutAuthenticationAreNeverSentNorStored(Protocol protocol) {
        try (MemcachedServer open = MemcachedServer.builder().start();
                Memcache<String> plain = Memcache.builder().servers(open.uri()).build()) {
            plain.set("auth", "application value");
            try (Memcache<String> client =
                    builder(open.uri(), PASSWORD).protocol(protocol).build()) {
                assertThatThrownBy(() -> client.get("k"))
                        .isInstanceOf(AuthenticationFailed.class)
                        .hasMessageContaining("does not require authentication")
                        .hasMessageContaining("were not sent")
                        .message()
                        .doesNotContain(PASSWORD);
            }
            assertThat(plain.get("auth")).isEqualTo("application value");
        }
    }

    @Test
    void aServerWithoutAuthenticationCanBeAllowed() {
        try (MemcachedServer open = MemcachedServer.builder().start();
                Memcache<String> plain = Memcache.builder().servers(open.uri()).build();
                Memcache<String> client = builder(open.uri(), PASSWORD)
                        .requireAuthentication(false)
                        .build()) {
            client.set("allowed", "yes");
            assertThat(plain.get("allowed")).isEqualTo("yes");
            assertThat(plain.exceptionsAreMisses().get("auth")).isNull();
        }
    }

    @Test
    void aServerThatRequiresAuthenticationNamesTheMissingCredentials() {
        try (Memcache<String> client = Memcache.builder()
                .servers(server.uri())
                .operationTimeout(SLOW_BOX)
                .build()) {
            assertThatThrownBy(() -> client.get("k"))
                    .isInstanceOf(AuthenticationFailed.class)
                    .hasMessageContaining("requires authentication")
                    .hasMessageContaining("credentials(");
        }
    }

    @Test
    void refusesCredentialsThatWouldBreakTheCommand() {
        assertThatThrownBy(() -> Memcache.builder().credentials("ali ce", "x".toCharArray()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Memcache.builder().credentials(USER, "a\r\nflush_all".toCharArray()))
                .isInstanceOf(IllegalArgumentException.class)
                .message()
                .doesNotContain("flush_all");
    }

    @Test
    void refusesCredentialsInAUriWithoutRepeatingThem() {
        assertThatThrownBy(() -> Memcache.builder().servers("memcached://alice:" + PASSWORD + "@127.0.0.1:11211/"))
                .isInstanceOf(InvalidURI.class)
                .hasMessageContaining("credentials(user, password)")
                .message()
                .doesNotContain(PASSWORD);
    }
}
