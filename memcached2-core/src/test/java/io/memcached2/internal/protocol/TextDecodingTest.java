package io.memcached2.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Every classic text reply type decodes to the same result whether fed whole, one byte at a time, or split at any
 * offset, and completes exactly at the reply's end even when the next reply's bytes follow.
 */
class TextDecodingTest {
    private final TextDialect text = new TextDialect(1 << 20);

    private static String s(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.ISO_8859_1);
    }

    private static TestCommand cmd(Op op, String key) {
        return TestCommand.of(op, key, false);
    }

    private void all(TestCommand req, String reply, Consumer<TestCommand> check) {
        Feed.decodeAllWays(text, req, reply, "STORED\r\n", check);
    }

    @Test
    void getHit() {
        for (Op op : new Op[] {Op.GET, Op.GAT}) {
            all(cmd(op, "k"), "VALUE k 5 3\r\nabc\r\nEND\r\n", c -> {
                assertThat(c.status).isEqualTo(Status.HIT);
                assertThat(s(c.data)).isEqualTo("abc");
                assertThat(c.replyFlags).isEqualTo(5);
            });
        }
    }

    @Test
    void getsHitWithCas() {
        for (Op op : new Op[] {Op.GETS, Op.GATS}) {
            all(cmd(op, "k"), "VALUE k 4294967295 2 18446744073709551615\r\nhi\r\nEND\r\n", c -> {
                assertThat(c.status).isEqualTo(Status.HIT);
                assertThat(s(c.data)).isEqualTo("hi");
                assertThat(c.replyFlags).isEqualTo(-1);
                assertThat(c.replyCas).isEqualTo(-1L);
            });
        }
    }

    @Test
    void valueContainingEndAndCrlf() {
        all(
                cmd(Op.GET, "k"),
                "VALUE k 0 7\r\nEND\r\n\r\n\r\nEND\r\n",
                c -> assertThat(s(c.data)).isEqualTo("END\r\n\r\n"));
    }

    @Test
    void emptyValue() {
        all(cmd(Op.GET, "k"), "VALUE k 0 0\r\n\r\nEND\r\n", c -> {
            assertThat(c.status).isEqualTo(Status.HIT);
            assertThat(c.data).isEmpty();
        });
    }

    @Test
    void utf8Key() {
        String key = "cl\u00e9";
        String line = new String(
                ("VALUE " + key + " 0 1\r\nx\r\nEND\r\n").getBytes(StandardCharsets.UTF_8),
                StandardCharsets.ISO_8859_1);
        all(cmd(Op.GET, key), line, c -> assertThat(s(c.data)).isEqualTo("x"));
    }

    @Test
    void miss() {
        for (Op op : new Op[] {Op.GET, Op.GETS, Op.GAT, Op.GATS}) {
            all(cmd(op, "k"), "END\r\n", c -> assertThat(c.status).isEqualTo(Status.MISS));
        }
    }

    @Test
    void storeStatuses() {
        for (Op op : new Op[] {Op.SET, Op.ADD, Op.REPLACE, Op.APPEND, Op.PREPEND, Op.CAS}) {
            TestCommand req = cmd(op, "k").value("v");
            all(req, "STORED\r\n", c -> assertThat(c.status).isEqualTo(Status.OK));
            all(req, "NOT_STORED\r\n", c -> assertThat(c.status).isEqualTo(Status.NOT_STORED));
            all(req, "EXISTS\r\n", c -> assertThat(c.status).isEqualTo(Status.EXISTS));
            all(req, "NOT_FOUND\r\n", c -> assertThat(c.status).isEqualTo(Status.NOT_FOUND));
        }
    }

    @Test
    void deleteAndTouch() {
        all(cmd(Op.DELETE, "k"), "DELETED\r\n", c -> assertThat(c.status).isEqualTo(Status.OK));
        all(cmd(Op.DELETE, "k"), "NOT_FOUND\r\n", c -> assertThat(c.status).isEqualTo(Status.NOT_FOUND));
        all(cmd(Op.TOUCH, "k"), "TOUCHED\r\n", c -> assertThat(c.status).isEqualTo(Status.OK));
        all(cmd(Op.TOUCH, "k"), "NOT_FOUND\r\n", c -> assertThat(c.status).isEqualTo(Status.NOT_FOUND));
    }

    @Test
    void arithmetic() {
        for (Op op : new Op[] {Op.INCR, Op.DECR}) {
            all(cmd(op, "n").delta(1), "99\r\n", c -> {
                assertThat(c.status).isEqualTo(Status.HIT);
                assertThat(c.number).isEqualTo(99);
            });
            all(cmd(op, "n").delta(1), "0\r\n", c -> assertThat(c.number).isZero());
            all(
                    cmd(op, "n").delta(1),
                    "18446744073709551615\r\n",
                    c -> assertThat(c.number).isEqualTo(-1L));
            all(
                    cmd(op, "n").delta(1),
                    "NOT_FOUND\r\n",
                    c -> assertThat(c.status).isEqualTo(Status.NOT_FOUND));
            all(cmd(op, "n").delta(1), "CLIENT_ERROR cannot increment or decrement non-numeric value\r\n", c -> {
                assertThat(c.status).isEqualTo(Status.NON_NUMERIC);
                assertThat(c.poisonsConnection).isFalse();
            });
        }
    }

    @Test
    void multiGet() {
        all(
                TestCommand.multi(Op.GETS_MULTI, false, "a", "b", "c"),
                "VALUE a 1 1 10\r\nA\r\nVALUE c 3 2 30\r\nCC\r\nEND\r\n",
                c -> {
                    assertThat(c.status).isEqualTo(Status.OK);
                    assertThat(s(c.multi.values[0])).isEqualTo("A");
                    assertThat(c.multi.values[1]).isNull();
                    assertThat(s(c.multi.values[2])).isEqualTo("CC");
                    assertThat(c.multi.flags).containsExactly(1, 0, 3);
                    assertThat(c.multi.cas).containsExactly(10, 0, 30);
                });
        all(
                TestCommand.multi(Op.GET_MULTI, false, "a", "b"),
                "END\r\n",
                c -> assertThat((Object[]) c.multi.values).containsExactly(null, null));
    }

    @Test
    void multiGetWithRepeatedKeyFillsBothSlots() {
        all(TestCommand.multi(Op.GET_MULTI, false, "a", "a"), "VALUE a 0 1\r\n1\r\nVALUE a 0 1\r\n1\r\nEND\r\n", c -> {
            assertThat(s(c.multi.values[0])).isEqualTo("1");
            assertThat(s(c.multi.values[1])).isEqualTo("1");
        });
    }

    @Test
    void sharedCommands() {
        all(
                TestCommand.plain(Op.VERSION),
                "VERSION 1.6.18\r\n",
                c -> assertThat(c.text).isEqualTo("1.6.18"));
        all(
                TestCommand.plain(Op.NOOP),
                "VERSION 1.4.5\r\n",
                c -> assertThat(c.status).isEqualTo(Status.OK));
        all(TestCommand.plain(Op.FLUSH_ALL), "OK\r\n", c -> assertThat(c.status).isEqualTo(Status.OK));
        all(
                TestCommand.plain(Op.VERBOSITY).arg("1"),
                "OK\r\n",
                c -> assertThat(c.status).isEqualTo(Status.OK));
        all(
                TestCommand.plain(Op.STATS).arg("settings"),
                "STAT maxbytes 67108864\r\nSTAT evictions on\r\nEND\r\n",
                c -> assertThat(c.stats)
                        .containsExactly(Map.entry("maxbytes", "67108864"), Map.entry("evictions", "on")));
    }

    @Test
    void errorRepliesAreStatuses() {
        all(cmd(Op.SET, "big").value("v"), "SERVER_ERROR object too large for cache\r\n", c -> {
            assertThat(c.status).isEqualTo(Status.SERVER_ERROR);
            assertThat(c.poisonsConnection).isFalse();
        });
        all(cmd(Op.GET, "k"), "CLIENT_ERROR bad command line format\r\n", c -> {
            assertThat(c.status).isEqualTo(Status.CLIENT_ERROR);
            assertThat(c.text).isEqualTo("CLIENT_ERROR bad command line format");
            assertThat(c.poisonsConnection).isTrue();
        });
        all(cmd(Op.INCR, "k").delta(1), "CLIENT_ERROR invalid numeric delta argument\r\n", c -> {
            assertThat(c.status).isEqualTo(Status.CLIENT_ERROR);
            assertThat(c.poisonsConnection).isTrue();
        });
        all(
                TestCommand.multi(Op.GET_MULTI, false, "a", "b"),
                "CLIENT_ERROR bad command line format\r\n",
                c -> assertThat(c.status).isEqualTo(Status.CLIENT_ERROR));
        all(
                TestCommand.plain(Op.STATS).arg("detail"),
                "CLIENT_ERROR usage: stats detail on|off|dump\r\n",
                c -> assertThat(c.status).isEqualTo(Status.CLIENT_ERROR));
        all(
                TestCommand.plain(Op.FLUSH_ALL),
                "CLIENT_ERROR invalid exptime argument\r\n",
                c -> assertThat(c.status).isEqualTo(Status.CLIENT_ERROR));
    }

    @Test
    void greeting() {
        String[][] cases = {
            {"MN\r\n", "META"},
            {"ERROR\r\n", "TEXT_ONLY"},
            {"ERROR unknown command\r\n", "TEXT_ONLY"},
            {"ERROR Too many open connections\r\n", "TOO_MANY_CONNECTIONS"},
            {"VERSION 1.6.18\r\n", "VERSION"},
            {"CLIENT_ERROR unauthenticated\r\n", "UNAUTHENTICATED"},
            {"STORED\r\n", "AUTHENTICATED"},
            {"CLIENT_ERROR authentication failure\r\n", "CLIENT_ERROR"},
            {"END\r\n", "OTHER"},
            {"MN\n", "OTHER"}
        };
        for (String[] r : cases) {
            byte[] b = Feed.bytes(r[0] + "VERSION 1\r\n");
            for (int cut = 1; cut < r[0].length(); cut++) {
                io.netty.buffer.ByteBuf in = io.netty.buffer.Unpooled.buffer();
                in.writeBytes(b, 0, cut);
                assertThat(Greeting.decode(in)).isNull();
                in.writeBytes(b, cut, b.length - cut);
                assertThat(Greeting.decode(in).kind()).as(r[0]).isEqualTo(Greeting.Kind.valueOf(r[1]));
                assertThat(in.readerIndex()).isEqualTo(r[0].length());
            }
        }
    }
}
