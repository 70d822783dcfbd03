package io.memcached2.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memcached2.AuthenticationFailed;
import io.memcached2.Memcache;
import io.memcached2.NoValue;
import io.memcached2.Protocol;
import io.memcached2.testkit.FakeServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What reaches the wire around authentication, recorded by a scripted server. */
class AuthenticationOrderTest {
    private static final String PASSWORD = "Pa55-order-test";

    private static Memcache<String> client(FakeServer fake, Protocol protocol) {
        // generous: the first test in a cold JVM spends a while loading classes before the first reply
        return Memcache.builder().servers(fake.uri()).protocol(protocol).operationTimeout(Duration.ofSeconds(5))
                .credentials("alice", PASSWORD.toCharArray()).build();
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void nothingButTheCredentialsIsSentWhenTheyAreRefused(Protocol protocol) {
        try (FakeServer fake = FakeServer.start()) {
            fake.whenLineStartsWith("set ", "CLIENT_ERROR authentication failure\r\n");
            try (Memcache<String> client = client(fake, protocol)) {
                client.async().get("queued-before-auth"); // waits for a connection that never becomes usable
                assertThatThrownBy(() -> client.get("k")).isInstanceOf(AuthenticationFailed.class);
                assertThatThrownBy(() -> client.set("k", "v")).isInstanceOf(AuthenticationFailed.class);
            }
            assertThat(fake.received()).isNotEmpty().allMatch(line -> line.matches("set auth 0 0 \\d+"));
            assertThat(new String(fake.receivedBytes(), StandardCharsets.UTF_8))
                    .doesNotContain("queued-before-auth").doesNotContain("mn\r\n");
        }
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void theCredentialsGoFirstAndOnce(Protocol protocol) {
        try (FakeServer fake = FakeServer.start()) {
            fake.whenLineStartsWith("set auth ", "STORED\r\n")
                    .whenLineStartsWith("mn", "MN\r\n")
                    .onCommand(line -> line.startsWith("mg "), AuthenticationOrderTest::metaMiss)
                    .whenLineStartsWith("get ", "END\r\n");
            try (Memcache<String> client = client(fake, protocol)) {
                assertThatThrownBy(() -> client.get("a")).isInstanceOf(NoValue.class);
                assertThatThrownBy(() -> client.get("b")).isInstanceOf(NoValue.class);
            }
            List<String> lines = fake.received();
            assertThat(lines.get(0)).isEqualTo("set auth 0 0 " + ("alice " + PASSWORD).length());
            assertThat(lines).filteredOn(line -> line.startsWith("set ")).hasSize(1);
            assertThat(lines).filteredOn(line -> line.startsWith("mg ") || line.startsWith("get ")).hasSize(2);
        }
    }

    /** A meta miss, echoing the request's opaque token as memcached does. */
    private static byte[] metaMiss(String line) {
        String opaque = Arrays.stream(line.split(" ")).filter(t -> t.startsWith("O")).findFirst().orElse("");
        return ("EN " + opaque).strip().concat("\r\n").getBytes(StandardCharsets.US_ASCII);
    }
}
