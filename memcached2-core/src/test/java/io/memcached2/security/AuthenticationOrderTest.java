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
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What reaches the wire around authentication, recorded by a scripted server that answers like memcached -Y:
 * {@code CLIENT_ERROR unauthenticated} to everything until the credentials are accepted.
 */
class AuthenticationOrderTest {
    private static final String PASSWORD = "Pa55-order-test";

    private static Memcache<String> client(FakeServer fake, Protocol protocol) {
        // generous: the first test in a cold JVM spends a while loading classes before the first reply
        return Memcache.builder()
                .servers(fake.uri())
                .protocol(protocol)
                .operationTimeout(Duration.ofSeconds(5))
                .credentials("alice", PASSWORD.toCharArray())
                .build();
    }

    /** Scripts the fake as memcached -Y: every line is refused until a set carries the right credentials. */
    private static void likeAsciiAuth(FakeServer fake, boolean acceptCredentials) {
        AtomicBoolean authenticated = new AtomicBoolean();
        fake.onCommand(line -> line.startsWith("set auth "), line -> {
            authenticated.set(acceptCredentials);
            return (acceptCredentials ? "STORED\r\n" : "CLIENT_ERROR authentication failure\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
        });
        fake.onCommand(
                line -> !authenticated.get(),
                line -> "CLIENT_ERROR unauthenticated\r\n".getBytes(StandardCharsets.US_ASCII));
        fake.whenLineStartsWith("mn", "MN\r\n")
                .onCommand(line -> line.startsWith("mg "), AuthenticationOrderTest::metaMiss)
                .whenLineStartsWith("get ", "END\r\n");
    }

    @ParameterizedTest
    @EnumSource(value = Protocol.class, names = "BINARY", mode = EnumSource.Mode.EXCLUDE)
    void nothingButTheHelloAndTheCredentialsIsSentWhenTheyAreRefused(Protocol protocol) {
        try (FakeServer fake = FakeServer.start()) {
            likeAsciiAuth(fake, false);
            try (Memcache<String> client = client(fake, protocol)) {
                client.async().get("queued-before-auth"); // waits for a connection that never becomes usable
                assertThatThrownBy(() -> client.get("k"))
                        .isInstanceOf(AuthenticationFailed.class)
                        .hasMessageContaining("refused the credentials");
                assertThatThrownBy(() -> client.set("k", "v")).isInstanceOf(AuthenticationFailed.class);
            }
            List<String> lines = fake.received();
            assertThat(lines).isNotEmpty().allMatch(line -> line.matches("set auth 0 0 \\d+|mn|version"));
            assertThat(lines.get(0)).isEqualTo(protocol == Protocol.TEXT ? "version" : "mn");
            assertThat(new String(fake.receivedBytes(), StandardCharsets.UTF_8)).doesNotContain("queued-before-auth");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Protocol.class, names = "BINARY", mode = EnumSource.Mode.EXCLUDE)
    void theCredentialsGoOnceTheServerAsksForThemAndBeforeAnyRequest(Protocol protocol) {
        try (FakeServer fake = FakeServer.start()) {
            likeAsciiAuth(fake, true);
            try (Memcache<String> client = client(fake, protocol)) {
                assertThatThrownBy(() -> client.get("a")).isInstanceOf(NoValue.class);
                assertThatThrownBy(() -> client.get("b")).isInstanceOf(NoValue.class);
            }
            List<String> lines = fake.received();
            assertThat(lines.get(0)).isEqualTo(protocol == Protocol.TEXT ? "version" : "mn");
            assertThat(lines.get(1)).isEqualTo("set auth 0 0 " + ("alice " + PASSWORD).length());
            assertThat(lines).filteredOn(line -> line.startsWith("set ")).hasSize(1);
            List<String> requests = lines.stream()
                    .filter(line -> line.startsWith("mg ") || line.startsWith("get "))
                    .toList();
            assertThat(requests).hasSize(2);
            assertThat(lines.indexOf(requests.get(0))).isGreaterThan(1);
            if (protocol == Protocol.AUTO) {
                assertThat(lines.get(2)).as("the probe, after authentication").isEqualTo("mn");
            }
        }
    }

    @Test
    void aServerThatDoesNotAskNeverReceivesTheCredentials() {
        try (FakeServer fake = FakeServer.start()) {
            try (Memcache<String> client = client(fake, Protocol.AUTO)) {
                assertThatThrownBy(() -> client.get("k"))
                        .isInstanceOf(AuthenticationFailed.class)
                        .hasMessageContaining("does not require authentication")
                        .hasMessageContaining("requireAuthentication(false)");
            }
            assertThat(fake.received()).allMatch(line -> line.equals("mn"));
            assertThat(new String(fake.receivedBytes(), StandardCharsets.UTF_8)).doesNotContain(PASSWORD);
        }
    }

    /** A meta miss, echoing the request's opaque token as memcached does. */
    private static byte[] metaMiss(String line) {
        String opaque = Arrays.stream(line.split(" "))
                .filter(t -> t.startsWith("O"))
                .findFirst()
                .orElse("");
        return ("EN " + opaque).strip().concat("\r\n").getBytes(StandardCharsets.US_ASCII);
    }
}
