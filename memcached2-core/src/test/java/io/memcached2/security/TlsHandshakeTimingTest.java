package io.memcached2.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memcached2.ConnectTimeout;
import io.memcached2.Memcache;
import io.memcached2.Tls;
import io.memcached2.testkit.FakeServer;
import io.memcached2.testkit.MemcachedServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A TLS handshake that never completes: a server that accepts the connection and then says nothing (the scripted
 * server ignores the ClientHello).
 */
class TlsHandshakeTimingTest {
    @TempDir
    static Path dir;

    private static String tlsUri(FakeServer silent) {
        return "memcached+tls://127.0.0.1:" + silent.port() + "/";
    }

    @Test
    void theHandshakeCountsAgainstTheConnectTimeout() throws Exception {
        TestPki ca = TestPki.newCa(dir, "timing");
        try (FakeServer silent = FakeServer.start();
                Memcache<String> client = Memcache.builder()
                        .servers(tlsUri(silent))
                        .tls(Tls.builder().trustPem(ca.caCert).build())
                        .connectTimeout(Duration.ofMillis(300))
                        .operationTimeout(Duration.ofSeconds(5))
                        .build()) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> client.get("k"))
                    .isInstanceOf(ConnectTimeout.class)
                    .hasMessageContaining("connect timeout");
            // failed by the 300 ms connect timeout, well before the 5 s operation timeout
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(3_000);
            assertThat(silent.receivedBytes()).isNotEmpty(); // the ClientHello went out
        }
    }

    @Test
    void aPendingHandshakeDoesNotHoldUpTheEventLoop() throws Exception {
        TestPki ca = TestPki.newCa(dir, "loop");
        try (FakeServer silent = FakeServer.start();
                MemcachedServer plain = MemcachedServer.start();
                Memcache<String> client = Memcache.builder()
                        .servers(plain.uri(), tlsUri(silent))
                        .tls(Tls.builder().trustPem(ca.caCert).build())
                        .ioThreads(1)
                        .connectTimeout(Duration.ofSeconds(20))
                        .operationTimeout(Duration.ofSeconds(20))
                        .build()) {
            // the one I/O thread has sent the ClientHello and now waits, for 20 s, for an answer that never comes
            Eventually.succeeds(
                    Duration.ofSeconds(5),
                    () -> assertThat(silent.receivedBytes()).isNotEmpty());
            List<CompletableFuture<?>> sets = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                sets.add(client.async().set(UUID.randomUUID().toString(), "v").toCompletableFuture());
            }
            // requests for the plain server go through meanwhile, on that same thread
            CompletableFuture.anyOf(sets.toArray(new CompletableFuture[0])).get(5, TimeUnit.SECONDS);
            assertThat(sets).anyMatch(f -> f.isDone() && !f.isCompletedExceptionally());
            assertThat(silent.openConnections()).isEqualTo(1);
        }
    }
}
