package io.memcached2.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memcached2.Memcache;
import io.memcached2.Protocol;
import io.memcached2.ProtocolError;
import io.memcached2.testkit.FakeServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Defaults that keep hostile input off the wire and hostile replies out of memory. */
class SafeDefaultsTest {

    @ParameterizedTest
    @ValueSource(strings = {"a\r\nflush_all", "a\nflush_all", "a flush_all", "a\u0000", "a\tb"})
    void aKeyCannotInjectACommand(String key) {
        try (FakeServer fake = FakeServer.start();
                Memcache<String> client = Memcache.builder()
                        .servers(fake.uri())
                        .protocol(Protocol.TEXT)
                        .build()) {
            assertThatThrownBy(() -> client.get(key)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> client.set(key, "v")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> client.delete(key)).isInstanceOf(IllegalArgumentException.class);
            assertThat(new String(fake.receivedBytes(), StandardCharsets.UTF_8)).doesNotContain("flush_all");
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"TEXT", "META"})
    void aReplyDeclaringMoreThanTheMaximumItemSizeIsRefused(Protocol protocol) {
        try (FakeServer fake = FakeServer.start()) {
            // a value "of 2 GB" must not make the client allocate or wait for it
            fake.whenLineStartsWith("get ", "VALUE k 0 2000000000\r\n")
                    .onCommand(
                            line -> line.startsWith("mg "),
                            line -> ("VA 2000000000 " + line.substring(line.lastIndexOf(" O") + 1) + "\r\n")
                                    .getBytes(StandardCharsets.US_ASCII));
            try (Memcache<String> client = Memcache.builder()
                    .servers(fake.uri())
                    .protocol(protocol)
                    .maxItemSize(1 << 20)
                    .operationTimeout(Duration.ofSeconds(5))
                    .build()) {
                assertThatThrownBy(() -> client.get("k"))
                        .isInstanceOf(ProtocolError.class)
                        .hasMessageContaining("2000000000");
            }
        }
    }
}
