package io.memcached2.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The text dialect throws IllegalArgumentException, and writes nothing, for what it cannot express: base64 keys
 * and the meta-only options.
 */
class TextRefusesMetaOnlyRequestsTest {
    private final TextDialect text = new TextDialect(1 << 20);

    /** Encodes into a buffer holding a previous command; asserts the refusal and that nothing was added. */
    private void assertRefused(TestCommand c, String... messageParts) {
        ByteBuf out = Unpooled.buffer();
        out.writeCharSequence("get previous\r\n", StandardCharsets.US_ASCII);
        try {
            assertThatThrownBy(() -> text.encode(c, out))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContainingAll(messageParts);
            assertThat(out.toString(StandardCharsets.ISO_8859_1))
                    .as("bytes written")
                    .isEqualTo("get previous\r\n");
        } finally {
            out.release();
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Op.class,
            names = {
                "GET", "GETS", "GAT", "GATS", "TOUCH", "SET", "ADD", "REPLACE", "APPEND", "PREPEND", "CAS", "DELETE",
                "INCR", "DECR"
            })
    void base64KeyOnEverySingleKeyCommand(Op op) {
        TestCommand c = TestCommand.of(op, "a b").value("v").delta(1).cas(op == Op.CAS ? 1 : 0);
        assertThat(c.keyForm).isEqualTo(Command.KEY_BASE64);
        assertRefused(c, "a b");
    }

    @Test
    void base64KeyNamesTheKeyEscaped() {
        assertRefused(TestCommand.of(Op.GET, "a\r\nflush_all"), "a\\r\\nflush_all");
    }

    @Test
    void multiGetWithBase64FirstKeyWritesNothing() {
        assertRefused(TestCommand.multi(Op.GET_MULTI, true, "a\tb", "c"), "a\\tb");
    }

    @Test
    void multiGetWithBase64LaterKeyWritesNothing() {
        assertRefused(TestCommand.multi(Op.GETS_MULTI, true, "a", "b c"), "b c");
    }

    @Test
    void multiGetWithBase64KeyIsRefused() {
        // The refusal itself works (the Connection rolls back the partial bytes); see the disabled tests above.
        ByteBuf out = Unpooled.buffer();
        assertThatThrownBy(() -> text.encode(TestCommand.multi(Op.GET_MULTI, true, "a", "b c"), out))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("b c");
        out.release();
    }

    @Test
    void deleteWithCas() {
        assertRefused(TestCommand.of(Op.DELETE, "k").cas(5), "meta");
    }

    @Test
    void deleteWithInvalidate() {
        TestCommand c = TestCommand.of(Op.DELETE, "k");
        c.invalidate();
        assertRefused(c, "meta");
    }

    @ParameterizedTest
    @EnumSource(
            value = Op.class,
            names = {"INCR", "DECR"})
    void arithmeticWithAutoCreate(Op op) {
        TestCommand c = TestCommand.of(op, "k").delta(1);
        c.autoCreate = true;
        c.initial = 3;
        assertRefused(c, "meta");
    }

    @Test
    void getWithLease() {
        TestCommand c = TestCommand.of(Op.GET, "k");
        c.vivify(30);
        assertRefused(c, "lease", "meta protocol");
    }

    @Test
    void getWithRecache() {
        TestCommand c = TestCommand.of(Op.GET, "k");
        c.recache(30);
        assertRefused(c, "recache", "meta protocol");
    }

    @Test
    void getWithRemainingTtl() {
        TestCommand c = TestCommand.of(Op.GET, "k");
        c.wantTtl();
        assertRefused(c, "TTL", "meta protocol");
    }

    @Test
    void storeReturningCas() {
        TestCommand c = TestCommand.of(Op.SET, "k").value("v");
        c.returnCas();
        assertRefused(c, "CAS", "meta protocol");
    }
}
