package io.memcached2.internal.protocol;

import static io.memcached2.internal.protocol.Rejects.rejects;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** TextDialect refuses, with a ProtocolError quoting the bytes, every reply that is malformed or not for us. */
class TextStrictnessTest {
    private final TextDialect text = new TextDialect(1 << 20);

    private static TestCommand cmd(Op op, String key) {
        return TestCommand.of(op, key, false).value("v").delta(1);
    }

    @Test
    void valueForAnotherKey() {
        rejects(
                text,
                cmd(Op.GET, "k"),
                "VALUE j 0 1\r\nx\r\nEND\r\n",
                "VALUE for another key than the requested 'k'",
                "VALUE j 0 1");
        rejects(text, cmd(Op.GET, "k"), "VALUE kk 0 1\r\nx\r\nEND\r\n", "another key", "VALUE kk");
        rejects(text, cmd(Op.GET, "kk"), "VALUE k 0 1\r\nx\r\nEND\r\n", "another key", "VALUE k 0 1");
        rejects(text, cmd(Op.GET, "K"), "VALUE k 0 1\r\nx\r\nEND\r\n", "another key", "VALUE k 0 1");
        rejects(text, cmd(Op.GET, "\u00e9"), "VALUE \u00e9 0 1\r\nx\r\nEND\r\n", "another key", "VALUE \\xe9 0 1");
    }

    @Test
    void valueKeyWithMalformedUtf8IsAnotherKey() {
        // the requested key is U+FFFD, bytes EF BF BD; the reply names the 2-byte key EF BF
        rejects(
                text,
                cmd(Op.GET, "\ufffd"),
                "VALUE \u00ef\u00bf 0 1\r\nx\r\nEND\r\n",
                "another key",
                "VALUE \\xef\\xbf");
        rejects(
                text,
                cmd(Op.GET, "\ufffd\ufffd"),
                "VALUE \u00ed\u00a0\u0080\u00ed\u00a0\u0080 0 1\r\nx\r\nEND\r\n",
                "another key",
                "VALUE \\xed");
    }

    @Test
    void valueBlockNotFollowedByCrlf() {
        rejects(
                text,
                cmd(Op.GET, "k"),
                "VALUE k 0 3\r\nabcd\r\nEND\r\n",
                "not followed by CRLF",
                "VALUE k 0 3\\r\\nabcd\\r");
        rejects(
                text,
                cmd(Op.GET, "k"),
                "VALUE k 0 3\r\nabc\nEND\r\n",
                "not followed by CRLF",
                "VALUE k 0 3\\r\\nabc\\nE");
    }

    @Test
    void missingEndAfterTheValue() {
        rejects(text, cmd(Op.GET, "k"), "VALUE k 0 1\r\nx\r\nVALUE k 0 1\r\nx\r\nEND\r\n", "expected END", "VALUE");
        rejects(text, cmd(Op.GET, "k"), "VALUE k 0 1\r\nx\r\nEND\nVERSION 1\r\n", "expected END", "END\\nV");
        rejects(text, cmd(Op.GETS, "k"), "VALUE k 0 1 5\r\nx\r\nSTORED\r\n", "expected END", "STORE");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "VALUE k x 1               | bad number",
                "VALUE k -1 1              | bad number",
                "VALUE k 0 x               | bad number",
                "VALUE k 0 1x              | bad number",
                "VALUE k 4294967296 1      | client flags out of 32-bit range",
                "VALUE k 0 2147483648      | length out of range",
                "VALUE k 0 99999999999999999999 | overflows 64 bits",
                "VALUE k                   | without flags and length",
                "VALUE k 0                 | without a length",
                "VALUE k 0 1 5             | unexpected text after the VALUE length",
                "VALUE k 0 1               | unexpected text after the VALUE length",
            })
    void badValueLines(String line, String what) {
        String l = line.endsWith("1              ") ? line : line;
        rejects(
                text,
                cmd(Op.GET, "k"),
                (what.startsWith("unexpected text") && !l.contains(" 5") ? l + " " : l) + "\r\nx\r\nEND\r\n",
                what,
                l);
    }

    @Test
    void getsWithoutTheCasUnique() {
        rejects(text, cmd(Op.GETS, "k"), "VALUE k 0 1\r\nx\r\nEND\r\n", "without the CAS unique", "VALUE k 0 1");
        rejects(text, cmd(Op.GATS, "k"), "VALUE k 0 1 abc\r\nx\r\nEND\r\n", "bad number", "VALUE k 0 1 abc");
        rejects(
                text,
                cmd(Op.GETS, "k"),
                "VALUE k 0 1 18446744073709551616\r\nx\r\nEND\r\n",
                "overflows",
                "VALUE k 0 1 1844");
    }

    @Test
    void badArithmeticReplies() {
        rejects(text, cmd(Op.INCR, "n"), "12a\r\n", "bad number", "12a");
        rejects(text, cmd(Op.INCR, "n"), "12 \r\n", "bad number", "12 ");
        rejects(text, cmd(Op.DECR, "n"), "18446744073709551616\r\n", "overflows 64 bits", "18446744073709551616");
        rejects(text, cmd(Op.INCR, "n"), "-1\r\n", "unexpected reply", "-1");
    }

    @Test
    void bareLfAndOverlongLines() {
        rejects(text, cmd(Op.SET, "k"), "STORED\n", "bare LF", "STORED\\n");
        rejects(text, cmd(Op.GET, "k"), "VALUE k 0 1\nx\r\nEND\r\n", "bare LF", "VALUE k 0 1\\n");
    }

    @ParameterizedTest(name = "{0} <- {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "SET     | DELETED",
                "SET     | TOUCHED",
                "SET     | stored",
                "SET     | 'STORED '",
                "ADD     | END",
                "CAS     | HD",
                "DELETE  | STORED",
                "DELETE  | NOT_STORED",
                "TOUCH   | DELETED",
                "TOUCH   | EXISTS",
                "INCR    | STORED",
                "INCR    | ''",
                "GET     | STORED",
                "GET     | EN",
                "GETS    | VALUE",
                "VERSION | OK",
                "FLUSH_ALL | STORED",
                "NOOP    | MN",
            })
    void unexpectedStatusForTheCommand(Op op, String line) {
        TestCommand c = op.hasKey() ? cmd(op, "k") : TestCommand.plain(op).value("a b");
        rejects(text, c, line + "\r\n", "unexpected reply", line);
    }

    @Test
    void errorLineMeansTheServerDidNotUnderstandUs() {
        for (Op op : new Op[] {Op.GET, Op.SET, Op.DELETE, Op.INCR, Op.TOUCH, Op.VERSION, Op.FLUSH_ALL}) {
            TestCommand c = op.hasKey() ? cmd(op, "k") : TestCommand.plain(op);
            rejects(text, c, "ERROR\r\n", "server did not understand " + op, "ERROR\\r\\n");
        }
        rejects(
                text,
                TestCommand.multi(Op.GET_MULTI, false, "a", "b"),
                "ERROR\r\n",
                "server did not understand",
                "ERROR");
    }

    @Test
    void multiGetStrictness() {
        TestCommand mg = TestCommand.multi(Op.GET_MULTI, false, "a", "b", "c");
        rejects(text, mg, "VALUE z 0 1\r\nx\r\nEND\r\n", "key not requested, or out of order", "VALUE z 0 1");
        rejects(text, mg, "VALUE b 0 1\r\nx\r\nVALUE a 0 1\r\ny\r\nEND\r\n", "out of order", "VALUE a 0 1");
        rejects(text, mg, "VALUE c 0 1\r\nx\r\nVALUE c 0 1\r\ny\r\nEND\r\n", "out of order", "VALUE c 0 1");
        rejects(
                text,
                mg,
                "VALUE a 0 1\r\nx\r\nSERVER_ERROR oops\r\n",
                "unexpected line in multi-get",
                "SERVER_ERROR oops");
        rejects(text, mg, "STORED\r\n", "unexpected line in multi-get", "STORED");
        rejects(text, mg, "VALUE a 0 1\r\nxy\r\nEND\r\n", "not followed by CRLF", "VALUE a 0 1");
        rejects(
                text,
                TestCommand.multi(Op.GETS_MULTI, false, "a"),
                "VALUE a 0 1\r\nx\r\nEND\r\n",
                "without the CAS",
                "VALUE a");
    }

    @Test
    void greetingLongerThanAnyGreetingIsOther() {
        io.netty.buffer.ByteBuf in = io.netty.buffer.Unpooled.wrappedBuffer(Feed.bytes("x".repeat(4096)));
        assertThat(Greeting.decode(in).kind()).isEqualTo(Greeting.Kind.OTHER);
        assertThat(in.isReadable()).isFalse();
    }
}
