package io.memcached2.internal.transcode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memcached2.Transcoders;
import io.memcached2.testkit.MemcachedExtension;
import io.memcached2.testkit.MemcachedServer;
import io.memcached2.transcode.Encoded;
import io.memcached2.transcode.Transcoder;
import io.memcached2.transcode.UndecodableValue;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Items written by the real python-memcached read back through ours, and the other way round, on a real server. */
@ExtendWith(MemcachedExtension.class)
class PythonMemcacheCompatibilityTest {
    private static final String LONG_TEXT = "python-memcached compresses with zlib. ".repeat(1000);
    private static final Transcoder<Object> OURS = Transcoders.pythonMemcache();

    @Test
    void weReadWhatPythonWrites(MemcachedServer server) throws Exception {
        new DebianPythonMemcache(server.host() + ":" + server.port())
                .set("text", "str", utf8("héllo wörld ✓"), 0)
                .set("long-text", "str", utf8(LONG_TEXT), 1024)
                .set("bytes", "bytes", new byte[] {0, (byte) 0xff, 10, 13}, 0)
                .set("empty", "bytes", new byte[0], 0)
                .set("int", "int", utf8("-42"), 0)
                .set("big-int", "int", utf8("1267650600228229401496703205376"), 0)
                .set("pickle", "dict", utf8("not for us"), 0)
                .run();

        try (RawMemcached raw = new RawMemcached(server.host(), server.port())) {
            assertThat(decode(raw, "text", 16)).isEqualTo("héllo wörld ✓");
            assertThat(decode(raw, "long-text", 16 | 8)).isEqualTo(LONG_TEXT);
            assertThat(decode(raw, "bytes", 0)).isEqualTo(new byte[] {0, (byte) 0xff, 10, 13});
            assertThat(decode(raw, "empty", 0)).isEqualTo(new byte[0]);
            assertThat(decode(raw, "int", 2)).isEqualTo(-42L);
            assertThat(decode(raw, "big-int", 2)).isEqualTo(BigInteger.TWO.pow(100));
            Encoded pickle = raw.get("pickle");
            assertThat(pickle.flags()).isEqualTo(1);
            assertThatThrownBy(() -> OURS.decode(pickle.flags(), pickle.data()))
                    .isInstanceOf(UndecodableValue.class)
                    .hasMessageContaining("never unpickled");
        }
    }

    @Test
    void pythonReadsWhatWeWrite(MemcachedServer server) throws Exception {
        List<Object> values = List.of(
                "héllo wörld ✓",
                LONG_TEXT,
                "",
                new byte[] {0, (byte) 0xff, 10, 13},
                -42L,
                Integer.MAX_VALUE,
                BigInteger.TWO.pow(100).negate());
        DebianPythonMemcache python = new DebianPythonMemcache(server.host() + ":" + server.port());
        try (RawMemcached raw = new RawMemcached(server.host(), server.port())) {
            for (int i = 0; i < values.size(); i++) {
                raw.set("k" + i, OURS.encode(values.get(i)));
                python.get("k" + i);
            }
            assertThat(raw.get("k1").flags())
                    .as("the long text is stored compressed")
                    .isEqualTo(16 | 8);
        }

        assertThat(python.run())
                .containsExactly(
                        "str " + base64(utf8("héllo wörld ✓")),
                        "str " + base64(utf8(LONG_TEXT)),
                        "str ",
                        "bytes " + base64(new byte[] {0, (byte) 0xff, 10, 13}),
                        "int " + base64(utf8("-42")),
                        "int " + base64(utf8(Integer.toString(Integer.MAX_VALUE))),
                        "int " + base64(utf8(BigInteger.TWO.pow(100).negate().toString())));
    }

    private static Object decode(RawMemcached raw, String key, int expectedFlags) throws Exception {
        Encoded item = raw.get(key);
        assertThat(item.flags()).as("flags python stored for %s", key).isEqualTo(expectedFlags);
        return OURS.decode(item.flags(), item.data());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
