package io.memcached2.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memcached2.AsyncMemcache;
import io.memcached2.Memcache;
import io.memcached2.Protocol;
import io.memcached2.Store;
import io.memcached2.testkit.FakeServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Bad input from the caller's side: every bad key, value, TTL and delta is refused with an
 * {@link IllegalArgumentException} naming the problem, at the call, before anything reaches the wire. A FakeServer
 * records every byte it receives; at the end one valid command proves the connection worked and was the only thing
 * sent.
 */
@ExtendWith(NettyLeakDetection.class)
class BadInputTest {
    private static final Pattern OPAQUE = Pattern.compile(" O(\\d+)");
    private static final String LONG_KEY = "k".repeat(251);

    private static FakeServer fake() {
        FakeServer fake = FakeServer.start();
        fake.onCommand(l -> l.startsWith("mg "), l -> {
            Matcher m = OPAQUE.matcher(l);
            return (m.find() ? "EN O" + m.group(1) + "\r\n" : "EN\r\n").getBytes(StandardCharsets.US_ASCII);
        });
        fake.whenLineStartsWith("get ", "END\r\n");
        return fake;
    }

    private static Memcache<String> client(FakeServer fake, Protocol protocol) {
        return Chaos.client(fake.uri()).protocol(protocol).maxItemSize(1000).build();
    }

    /** Refused at the call with a message naming the problem, on both the blocking and async APIs. */
    private static void refused(
            Memcache<String> mc,
            Consumer<Memcache<String>> call,
            Consumer<AsyncMemcache<String>> async,
            String... words) {
        assertThatThrownBy(() -> call.accept(mc))
                .isInstanceOf(IllegalArgumentException.class)
                .message()
                .contains(words);
        if (async != null) {
            assertThatThrownBy(() -> async.accept(mc.async()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .message()
                    .contains(words);
        }
    }

    /** Sends one valid get and checks that it is the only command the server ever received. */
    private static void onlyTheValidCommandReachedTheWire(Memcache<String> mc, FakeServer fake) {
        assertThat(mc.async().get("valid").join()).isNull();
        List<String> lines = fake.awaitReceived(2, Duration.ofSeconds(2));
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).as("the connection's greeting").isIn("mn", "version");
        assertThat(lines.get(1)).contains("valid");
        String bytes = new String(fake.receivedBytes(), StandardCharsets.ISO_8859_1);
        assertThat(bytes).isEqualTo(lines.get(0) + "\r\n" + lines.get(1) + "\r\n");
    }

    private static void badKeys(Memcache<String> mc, boolean text) {
        refused(mc, m -> m.get(null), a -> a.get(null), "key is null");
        refused(mc, m -> m.get(""), a -> a.get(""), "key is empty");
        refused(mc, m -> m.set(LONG_KEY, "v"), a -> a.set(LONG_KEY, "v"), "251 bytes", "250");
        refused(mc, m -> m.getMulti(List.of("ok", "")), a -> a.getMulti(List.of("ok", "")), "key is empty");
        refused(mc, m -> m.delete("\u00e9".repeat(126)), a -> a.delete("\u00e9".repeat(126)), "252 bytes", "250");
        if (text) {
            for (String key : List.of("a b", "a\r\nflush_all", "a\nb", "a\u0000b", "a\u0007b", "a\u007fb", "a\tb")) {
                refused(mc, m -> m.set(key, "v"), a -> a.set(key, "v"), "key contains a space, a control character");
                refused(mc, m -> m.get(key), a -> a.get(key), "text protocol cannot carry");
            }
        }
    }

    @Test
    void badKeysAreRefusedWithTheTextProtocol() {
        try (FakeServer fake = fake();
                Memcache<String> mc = client(fake, Protocol.TEXT)) {
            badKeys(mc, true);
            onlyTheValidCommandReachedTheWire(mc, fake);
        }
    }

    /**
     * With the meta protocol a key with spaces or control bytes is not refused: by design (Memcache javadoc) it
     * travels base64-encoded with the {@code b} flag, so it cannot inject a command. Such keys over 186 bytes are
     * refused. Everything else is refused as with the text protocol.
     */
    @Test
    void badKeysAreRefusedOrCarriedSafelyWithTheMetaProtocol() {
        try (FakeServer fake = fake();
                Memcache<String> mc = client(fake, Protocol.META)) {
            badKeys(mc, false);
            String big = "a b" + "x".repeat(184);
            refused(mc, m -> m.get(big), a -> a.get(big), "187 bytes", "186");
            onlyTheValidCommandReachedTheWire(mc, fake);
            for (String key : List.of("a b", "a\r\nflush_all", "a\u0000b")) {
                assertThat(mc.async().get(key).join()).isNull();
            }
            List<String> lines = fake.awaitReceived(5, Duration.ofSeconds(2));
            assertThat(lines).hasSize(5);
            assertThat(lines.subList(2, 5)).allSatisfy(l -> assertThat(l).matches("mg [A-Za-z0-9+/=]+ b .*"));
        }
    }

    @Test
    void valuesOverTheMaximumItemSizeAreRefused() {
        try (FakeServer fake = fake();
                Memcache<String> mc = client(fake, Protocol.META)) {
            String big = "x".repeat(1001);
            refused(mc, m -> m.set("k", big), a -> a.set("k", big), "1001 bytes", "maximum item size of 1000");
            refused(mc, m -> m.add("k", big), a -> a.add("k", big), "maximum item size");
            refused(mc, m -> m.append("k", big), a -> a.append("k", big), "maximum item size");
            refused(mc, m -> m.cas("k", big, 7), a -> a.cas("k", big, 7), "maximum item size");
            refused(mc, m -> m.setMulti(Map.of("k", big)), a -> a.setMulti(Map.of("k", big)), "maximum item size");
            onlyTheValidCommandReachedTheWire(mc, fake);
        }
        assertThatThrownBy(() -> Memcache.builder().maxItemSize(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max item size");
    }

    @Test
    void negativeAndAbsurdTtlsAreRefused() {
        try (FakeServer fake = fake();
                Memcache<String> mc = client(fake, Protocol.META)) {
            assertThatThrownBy(() -> Store.ttl(Duration.ofSeconds(-1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("TTL must not be negative");
            Duration neg = Duration.ofMillis(-1);
            refused(mc, m -> m.touch("k", neg), a -> a.touch("k", neg), "TTL must not be negative");
            refused(mc, m -> m.gat("k", neg), a -> a.gat("k", neg), "TTL must not be negative");
            refused(mc, m -> m.incr("k", 1, 0, neg), a -> a.incr("k", 1, 0, neg), "TTL must not be negative");
            Duration century = Duration.ofDays(365L * 100);
            refused(
                    mc,
                    m -> m.set("k", "v", Store.ttl(century)),
                    a -> a.set("k", "v", Store.ttl(century)),
                    "beyond what memcached can express");
            refused(mc, m -> m.touch("k", century), a -> a.touch("k", century), "beyond what memcached can express");
            Duration huge = Duration.ofSeconds(Long.MAX_VALUE / 2);
            refused(
                    mc,
                    m -> m.set("k", "v", Store.ttl(huge)),
                    a -> a.set("k", "v", Store.ttl(huge)),
                    "beyond what memcached can express");
            refused(mc, m -> m.touch("k", null), null, "TTL is null");
            onlyTheValidCommandReachedTheWire(mc, fake);
        }
    }

    /** Durations so large that seconds + 1 or now + seconds overflow a long. */
    @Test
    void overflowingTtlsAreRefused() {
        try (FakeServer fake = fake();
                Memcache<String> mc = client(fake, Protocol.META)) {
            for (Duration absurd : List.of(Duration.ofSeconds(Long.MAX_VALUE), Duration.ofSeconds(Long.MAX_VALUE, 1))) {
                refused(mc, m -> m.set("k", "v", Store.ttl(absurd)), a -> a.set("k", "v", Store.ttl(absurd)), "TTL");
                refused(mc, m -> m.touch("k", absurd), a -> a.touch("k", absurd), "TTL");
            }
            onlyTheValidCommandReachedTheWire(mc, fake);
        }
    }

    /** memcached's delta is an unsigned 64-bit number: a negative long has no meaning and must be refused. */
    @Test
    void negativeDeltasAreRefused() {
        try (FakeServer fake = fake();
                Memcache<String> mc = client(fake, Protocol.META)) {
            refused(mc, m -> m.incr("n", -1), a -> a.incr("n", -1), "delta");
            refused(mc, m -> m.decr("n", -1), a -> a.decr("n", -1), "delta");
            refused(
                    mc,
                    m -> m.incr("n", Long.MIN_VALUE, 0, Duration.ZERO),
                    a -> a.incr("n", Long.MIN_VALUE, 0, Duration.ZERO),
                    "delta");
            onlyTheValidCommandReachedTheWire(mc, fake);
        }
    }
}
