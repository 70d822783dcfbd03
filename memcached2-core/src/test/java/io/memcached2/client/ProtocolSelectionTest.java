package io.memcached2.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memcached2.Memcache;
import io.memcached2.NoValue;
import io.memcached2.Protocol;
import io.memcached2.testkit.FakeServer;
import io.memcached2.testkit.MemcachedExtension;
import io.memcached2.testkit.MemcachedServer;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Protocol.AUTO: meta on memcached 1.6.18, text on a server that answers the {@code mn} probe with ERROR. */
@ExtendWith(MemcachedExtension.class)
class ProtocolSelectionTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Pattern OPAQUE = Pattern.compile(" (O\\d+)");

    @Test
    void autoSpeaksMetaToMemcached1618(MemcachedServer server) {
        try (Memcache<String> mc = Support.client(Protocol.AUTO, server.uri())) {
            mc.set("k", "v");
            long cas = mc.gets("k").cas();
            // delete with a CAS unique and keys with spaces exist only in the meta protocol
            assertThat(mc.delete("k", cas)).isTrue();
            mc.set("a key with spaces", "meta");
            assertThat(mc.get("a key with spaces")).isEqualTo("meta");
            assertThat(mc.incr("fresh", 1, 10, Duration.ZERO)).isEqualTo(10);
        }
    }

    @Test
    void autoSpeaksTextWhenTheProbeIsAnError() {
        try (FakeServer fake = FakeServer.start()) {
            fake.whenLineStartsWith("mn", "ERROR\r\n");
            fake.whenLineStartsWith("version", "VERSION 1.4.39\r\n");
            fake.whenLineStartsWith("get k", "VALUE k 0 5\r\nhello\r\nEND\r\n");
            fake.whenLineStartsWith("get absent", "END\r\n");
            fake.whenLineStartsWith("set ", "STORED\r\n");
            fake.whenLineStartsWith("incr c ", "NOT_FOUND\r\n");
            fake.whenLineStartsWith("add c ", "STORED\r\n");
            try (Memcache<String> mc = Support.client(Protocol.AUTO, fake.uri())) {
                assertThat(mc.get("k")).isEqualTo("hello");
                assertThatThrownBy(() -> mc.get("absent")).isSameAs(NoValue.INSTANCE);
                assertThat(mc.version().values()).containsExactly("1.4.39");
                mc.set("s", "v", io.memcached2.Store.ttl(Duration.ofSeconds(30)).flags(7));
                // incr with an initial value falls back to incr, then add, in the text protocol
                assertThat(mc.incr("c", 1, 5, Duration.ofSeconds(60))).isEqualTo(5);
                // meta-only requests are refused, and never reach the server
                assertThatThrownBy(() -> mc.delete("k", 99)).isInstanceOf(IllegalArgumentException.class);
                assertThatThrownBy(() -> mc.get("a b")).isInstanceOf(IllegalArgumentException.class);
                assertThat(mc.get("k")).isEqualTo("hello");
                List<String> lines = fake.awaitReceived(8, WAIT);
                assertThat(lines)
                        .containsExactly(
                                "mn",
                                "get k",
                                "get absent",
                                "version",
                                "set s 7 30 1",
                                "incr c 1",
                                "add c 0 60 1",
                                "get k");
            }
        }
    }

    @Test
    void autoSpeaksMetaWhenTheProbeAnswersMn() {
        try (FakeServer fake = FakeServer.start()) {
            fake.whenLineStartsWith("mn", "MN\r\n");
            fake.onCommand(line -> line.startsWith("mg "), line -> {
                Matcher m = OPAQUE.matcher(line);
                return ("EN" + (m.find() ? " " + m.group(1) : "") + "\r\n").getBytes();
            });
            try (Memcache<String> mc = Support.client(Protocol.AUTO, fake.uri())) {
                assertThatThrownBy(() -> mc.get("k")).isSameAs(NoValue.INSTANCE);
                List<String> lines = fake.awaitReceived(2, WAIT);
                assertThat(lines.get(0)).isEqualTo("mn");
                assertThat(lines.get(1)).startsWith("mg k ").contains(" v").containsPattern(" O\\d+");
            }
        }
    }
}
