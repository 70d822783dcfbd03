package io.memcached2.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Keys.check: 1-250 bytes of UTF-8; space, control characters and DEL are refused in text mode and travel base64
 * (raw at most 186 bytes) in meta mode; unpaired surrogates are refused; errors name the key escaped.
 */
class KeysTest {

    @Test
    void asciiAndUtf8Forms() {
        assertThat(Keys.check("user:42", false)).isEqualTo(Command.KEY_ASCII);
        assertThat(Keys.check("user:42", true)).isEqualTo(Command.KEY_ASCII);
        assertThat(Keys.check("cl\u00e9", false)).isEqualTo(Command.KEY_UTF8);
        assertThat(Keys.check("\ud83d\ude00", true)).isEqualTo(Command.KEY_UTF8);
        assertThat(Keys.check("\u00a0", false))
                .as("NBSP is not a control character")
                .isEqualTo(Command.KEY_UTF8);
    }

    @Test
    void lengthIsCountedInUtf8Bytes() {
        assertThat(Keys.check("k".repeat(250), false)).isEqualTo(Command.KEY_ASCII);
        assertThatThrownBy(() -> Keys.check("k".repeat(251), true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("251 bytes")
                .hasMessageContaining("kkkk");
        assertThat(Keys.check("\u00e9".repeat(125), false)).isEqualTo(Command.KEY_UTF8);
        assertThatThrownBy(() -> Keys.check("\u00e9".repeat(125) + "x", false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("251 bytes");
        assertThat(Keys.check("\u20ac".repeat(83) + "x", false)).isEqualTo(Command.KEY_UTF8);
        assertThatThrownBy(() -> Keys.check("\u20ac".repeat(84), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("252 bytes");
    }

    @Test
    void emptyAndNull() {
        assertThatThrownBy(() -> Keys.check("", true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> Keys.check(null, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("null");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a b", "a\tb", "a\rb", "a\nb", "\u0000", "a\u001f", "a\u007f", "a\u0085", "\u009f", " "})
    void unsafeCharactersRefusedInTextBase64InMeta(String key) {
        assertThat(Keys.check(key, true)).isEqualTo(Command.KEY_BASE64);
        assertThatThrownBy(() -> Keys.check(key, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("text protocol cannot carry")
                .hasMessageContaining("'" + Keys.escape(key) + "'");
    }

    @Test
    void errorMessagesEscapeTheKey() {
        assertThatThrownBy(() -> Keys.check("a\r\nflush_all\u0001\u007f", false))
                .hasMessageContaining("'a\\r\\nflush_all\\x01\\x7f'");
        assertThatThrownBy(() -> Keys.check("x\ty".repeat(70), true))
                .hasMessageContaining("210 bytes")
                .hasMessageContaining("x\\ty")
                .hasMessageContaining("(210 chars)");
    }

    @Test
    void base64KeysAreLimitedTo186RawBytes() {
        String k186 = " " + "k".repeat(185);
        assertThat(Keys.check(k186, true)).isEqualTo(Command.KEY_BASE64);
        assertThat(Feed.encode(
                        new MetaDialect(1, false),
                        TestCommand.of(Op.DELETE, k186).opaque(1)))
                .as("186 raw bytes is 248 base64 chars")
                .matches("md [A-Za-z0-9+/]{248} b O1\r\n");
        assertThatThrownBy(() -> Keys.check(k186 + "k", true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("187 bytes")
                .hasMessageContaining("186");
        assertThatThrownBy(() -> Keys.check("\u00e9".repeat(93) + "\n", true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("187 bytes");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"\ud800", "a\udc00", "\ud800x", "\udc00\ud800", "\ud83d\ude00\ude00", "\ud83d\ud83d\ude00 "})
    void unpairedSurrogatesRefusedInBothModes(String key) {
        for (boolean meta : new boolean[] {true, false}) {
            assertThatThrownBy(() -> Keys.check(key, meta))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("unpaired surrogate");
        }
    }

    @Test
    void unpairedSurrogateMessageGivesTheIndex() {
        assertThatThrownBy(() -> Keys.check("ab\udc00", false)).hasMessageContaining("at index 2");
    }

    @Test
    void escapeTruncatesLongKeys() {
        String e = Keys.escape("k".repeat(300));
        assertThat(e).startsWith("k".repeat(80)).endsWith("...(300 chars)");
        assertThat(Keys.escape("\u0085\u00e9")).isEqualTo("\\x85\u00e9");
    }
}
