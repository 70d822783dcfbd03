package io.memcached2.binary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memcached2.AuthenticationFailed;
import io.memcached2.CASFailure;
import io.memcached2.Item;
import io.memcached2.Memcache;
import io.memcached2.MemcacheBuilder;
import io.memcached2.NoValue;
import io.memcached2.NonNumeric;
import io.memcached2.NotFound;
import io.memcached2.NotStored;
import io.memcached2.Protocol;
import io.memcached2.testkit.FaultProxy;
import io.memcached2.testkit.MemcachedServer;
import io.memcached2.testsupport.Poll;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SASL PLAIN over the binary protocol, against the real memcached -S. */
class SaslTest {
    static final String USER = "alice";
    static final String PASSWORD = "Right Pa55word-7c1";
    static final String WRONG = "Wrong-Pa55word-9f2";
    static final Duration SLOW_BOX = Duration.ofSeconds(5);

    static MemcachedServer server;

    @BeforeAll
    static void startServer() {
        server = MemcachedServer.builder().sasl(USER, PASSWORD).start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    static MemcacheBuilder<String> builder(String uri, String password) {
        MemcacheBuilder<String> b =
                Memcache.builder().servers(uri).protocol(Protocol.BINARY).operationTimeout(SLOW_BOX);
        return password == null ? b : b.credentials(USER, password.toCharArray());
    }

    @Test
    void everyCommandWorksOnceAuthenticated() {
        try (Memcache<String> mc = builder(server.uri(), PASSWORD).build()) {
            mc.flushAll();
            assertThatThrownBy(() -> mc.replace("s", "x")).isInstanceOf(NotStored.class);
            mc.set("s", "one");
            assertThatThrownBy(() -> mc.add("s", "x")).isInstanceOf(NotStored.class);
            mc.append("s", ">");
            mc.prepend("s", "<");
            Item<String> item = mc.gets("s");
            assertThat(item.value()).isEqualTo("<one>");
            mc.cas("s", "two", item.cas());
            assertThatThrownBy(() -> mc.cas("s", "three", item.cas())).isInstanceOf(CASFailure.class);
            assertThat(mc.gat("s", Duration.ofMinutes(5))).isEqualTo("two");
            mc.touch("s", Duration.ofMinutes(1));
            assertThatThrownBy(() -> mc.touch("missing", Duration.ofMinutes(1))).isInstanceOf(NotFound.class);
            assertThat(mc.getMulti(List.of("s", "missing"))).containsExactly(Map.entry("s", "two"));
            assertThat(mc.incr("n", 1, 10, Duration.ZERO)).isEqualTo(10);
            assertThat(mc.incr("n", 5)).isEqualTo(15);
            assertThat(mc.decr("n", 20)).isZero();
            assertThatThrownBy(() -> mc.incr("s", 1)).isInstanceOf(NonNumeric.class);
            assertThat(mc.delete("s")).isTrue();
            assertThat(mc.delete("s")).isFalse();
            assertThatThrownBy(() -> mc.get("s")).isInstanceOf(NoValue.class);
            assertThat(mc.stats().get(0).number("auth_cmds")).isPositive();
            assertThat(mc.version().values()).containsExactly("1.6.18");
        }
    }

    @Test
    void aRefusedPasswordIsAuthenticationFailedWithBackoff() throws Exception {
        try (FaultProxy proxy = FaultProxy.to(server);
                Memcache<String> client = builder(proxy.uri(), WRONG).build()) {
            assertThatThrownBy(() -> client.get("k"))
                    .isInstanceOf(AuthenticationFailed.class)
                    .hasMessageContaining("refused the credentials (SASL PLAIN): Auth failure.");
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
    void withoutCredentialsTheErrorSaysTheServerWantsThem() {
        try (Memcache<String> client = builder(server.uri(), null).build()) {
            assertThatThrownBy(() -> client.get("k"))
                    .isInstanceOf(AuthenticationFailed.class)
                    .hasMessageContaining(
                            "requires SASL authentication (memcached -S) and no credentials are" + " configured");
        }
    }

    @Test
    void credentialsAppearNowhere() {
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
        assertThat(seen + logged)
                .contains("Auth failure.")
                .doesNotContain(WRONG)
                .doesNotContain(PASSWORD)
                .doesNotContain("Pa55word");
        assertThat(seen.toString()).contains("credentials=<set>");
    }

    @Test
    void aServerWithoutSaslIsRefusedOrAllowed() {
        try (MemcachedServer open = MemcachedServer.builder().start()) {
            try (Memcache<String> client = builder(open.uri(), PASSWORD).build()) {
                assertThatThrownBy(() -> client.get("k"))
                        .isInstanceOf(AuthenticationFailed.class)
                        .hasMessageContaining("does not require authentication (it has no SASL)")
                        .hasMessageContaining("were not sent");
            }
            try (Memcache<String> client =
                    builder(open.uri(), PASSWORD).requireAuthentication(false).build()) {
                client.set("allowed", "yes");
                assertThat(client.get("allowed")).isEqualTo("yes");
            }
        }
    }

    @Test
    void everyNewConnectionAuthenticates() {
        try (FaultProxy proxy = FaultProxy.to(server);
                Memcache<String> client = builder(proxy.uri(), PASSWORD).build()) {
            client.set("again", "1");
            proxy.resetConnections();
            Poll.until("a get answered on a new, authenticated connection", SLOW_BOX, () -> {
                try {
                    return "1".equals(client.get("again"));
                } catch (RuntimeException e) {
                    return false;
                }
            });
            assertThat(proxy.connectionCount()).isGreaterThanOrEqualTo(2);
        }
    }
}
