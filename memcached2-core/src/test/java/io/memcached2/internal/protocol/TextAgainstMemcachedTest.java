package io.memcached2.internal.protocol;

import static io.memcached2.internal.protocol.RealServerHarness.exact;
import static org.assertj.core.api.Assertions.assertThat;

import io.memcached2.testkit.MemcachedExtension;
import io.memcached2.testkit.MemcachedServer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Differential: every command TextDialect encodes, sent to the real memcached 1.6.18; the recorded reply is the
 * one memcached documents and decodes to the expected result, however it is split.
 */
@ExtendWith(MemcachedExtension.class)
class TextAgainstMemcachedTest {

    private static String s(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static void status(TestCommand c, Status st) {
        assertThat(c.status).isEqualTo(st);
    }

    private static TestCommand cmd(Op op, String key) {
        return TestCommand.of(op, key, false);
    }

    @Test
    void storesAndReads(MemcachedServer server) throws Exception {
        try (RawSession session = new RawSession(server)) {
            RealServerHarness h = new RealServerHarness(session, new TextDialect(1 << 20));
            h.run(cmd(Op.GET, "k"), exact("END\r\n"), c -> status(c, Status.MISS));
            h.run(cmd(Op.SET, "k").value("hello").flags(123), exact("STORED\r\n"), c -> status(c, Status.OK));
            h.run(cmd(Op.GET, "k"), exact("VALUE k 123 5\r\nhello\r\nEND\r\n"), c -> {
                status(c, Status.HIT);
                assertThat(s(c.data)).isEqualTo("hello");
                assertThat(c.replyFlags).isEqualTo(123);
            });
            TestCommand gets = h.run(
                    cmd(Op.GETS, "k"),
                    "VALUE k 123 5 [1-9][0-9]*\r\nhello\r\nEND\r\n",
                    c -> assertThat(c.replyCas).isPositive());
            h.run(
                    cmd(Op.GAT, "k").exptime(100),
                    exact("VALUE k 123 5\r\nhello\r\nEND\r\n"),
                    c -> status(c, Status.HIT));
            h.run(cmd(Op.GATS, "k").exptime(0), "VALUE k 123 5 [0-9]+\r\nhello\r\nEND\r\n", c -> status(c, Status.HIT));
            h.run(cmd(Op.GAT, "nokey").exptime(0), exact("END\r\n"), c -> status(c, Status.MISS));
            h.run(cmd(Op.TOUCH, "k").exptime(0), exact("TOUCHED\r\n"), c -> status(c, Status.OK));
            h.run(cmd(Op.TOUCH, "nokey").exptime(0), exact("NOT_FOUND\r\n"), c -> status(c, Status.NOT_FOUND));
            h.run(cmd(Op.ADD, "k").value("v"), exact("NOT_STORED\r\n"), c -> status(c, Status.NOT_STORED));
            h.run(cmd(Op.REPLACE, "nokey").value("v"), exact("NOT_STORED\r\n"), c -> status(c, Status.NOT_STORED));
            h.run(cmd(Op.APPEND, "k").value(">"), exact("STORED\r\n"), c -> status(c, Status.OK));
            h.run(cmd(Op.PREPEND, "k").value("<"), exact("STORED\r\n"), c -> status(c, Status.OK));
            h.run(cmd(Op.PREPEND, "nokey").value("<"), exact("NOT_STORED\r\n"), c -> status(c, Status.NOT_STORED));
            h.run(cmd(Op.CAS, "k").value("new").cas(gets.replyCas), exact("EXISTS\r\n"), c -> status(c, Status.EXISTS));
            h.run(cmd(Op.CAS, "nokey").value("new").cas(5), exact("NOT_FOUND\r\n"), c -> status(c, Status.NOT_FOUND));
            TestCommand now = h.run(cmd(Op.GETS, "k"), "VALUE k 123 7 [0-9]+\r\n<hello>\r\nEND\r\n", c -> {});
            h.run(cmd(Op.SET, "k").value("new").cas(now.replyCas), exact("STORED\r\n"), c -> status(c, Status.OK));
            h.run(cmd(Op.DELETE, "k"), exact("DELETED\r\n"), c -> status(c, Status.OK));
            h.run(cmd(Op.DELETE, "k"), exact("NOT_FOUND\r\n"), c -> status(c, Status.NOT_FOUND));
        }
    }

    @Test
    void binaryValuesKeysFlagsAndExptimes(MemcachedServer server) throws Exception {
        try (RawSession session = new RawSession(server)) {
            RealServerHarness h = new RealServerHarness(session, new TextDialect(1 << 20));
            TestCommand bin = cmd(Op.SET, "b").flags(-1);
            bin.value = new byte[] {'\r', '\n', 'E', 'N', 'D', '\r', '\n', 0, (byte) 0xff};
            h.run(bin, exact("STORED\r\n"), c -> {});
            h.run(cmd(Op.GET, "b"), exact("VALUE b 4294967295 9\r\n\r\nEND\r\n\u0000\u00ff\r\nEND\r\n"), c -> {
                assertThat(c.data).isEqualTo(bin.value);
                assertThat(c.replyFlags).isEqualTo(-1);
            });
            h.run(cmd(Op.SET, "f").value("x").flags(0x80000000), exact("STORED\r\n"), c -> {});
            h.run(
                    cmd(Op.GET, "f"),
                    exact("VALUE f 2147483648 1\r\nx\r\nEND\r\n"),
                    c -> assertThat(c.replyFlags).isEqualTo(0x80000000));
            h.run(cmd(Op.SET, "cl\u00e9\u20ac").value("u"), exact("STORED\r\n"), c -> {});
            String utf8Line = new String(
                    "VALUE cl\u00e9\u20ac 0 1\r\nu\r\nEND\r\n".getBytes(StandardCharsets.UTF_8),
                    StandardCharsets.ISO_8859_1);
            h.run(
                    cmd(Op.GET, "cl\u00e9\u20ac"),
                    exact(utf8Line),
                    c -> assertThat(s(c.data)).isEqualTo("u"));
            h.run(cmd(Op.SET, "gone").value("x").exptime(-1), exact("STORED\r\n"), c -> {});
            h.run(cmd(Op.GET, "gone"), exact("END\r\n"), c -> status(c, Status.MISS));
            String k250 = "k".repeat(250);
            h.run(cmd(Op.SET, k250).value("z"), exact("STORED\r\n"), c -> {});
            h.run(
                    cmd(Op.GET, k250),
                    exact("VALUE " + k250 + " 0 1\r\nz\r\nEND\r\n"),
                    c -> assertThat(s(c.data)).isEqualTo("z"));
            h.run(cmd(Op.SET, "e").value(""), exact("STORED\r\n"), c -> {});
            h.run(
                    cmd(Op.GET, "e"),
                    exact("VALUE e 0 0\r\n\r\nEND\r\n"),
                    c -> assertThat(c.data).isEmpty());
        }
    }

    @Test
    void arithmetic(MemcachedServer server) throws Exception {
        try (RawSession session = new RawSession(server)) {
            RealServerHarness h = new RealServerHarness(session, new TextDialect(1 << 20));
            h.run(cmd(Op.INCR, "n").delta(1), exact("NOT_FOUND\r\n"), c -> status(c, Status.NOT_FOUND));
            h.run(cmd(Op.SET, "n").value("100"), exact("STORED\r\n"), c -> {});
            h.run(
                    cmd(Op.DECR, "n").delta(1),
                    exact("99\r\n"),
                    c -> assertThat(c.number).isEqualTo(99));
            h.run(
                    cmd(Op.GET, "n"),
                    exact("VALUE n 0 3\r\n99 \r\nEND\r\n"),
                    c -> assertThat(s(c.data)).isEqualTo("99 "));
            h.run(
                    cmd(Op.DECR, "n").delta(1000),
                    exact("0\r\n"),
                    c -> assertThat(c.number).isZero());
            h.run(cmd(Op.SET, "n").value("18446744073709551615"), exact("STORED\r\n"), c -> {});
            h.run(
                    cmd(Op.INCR, "n").delta(1),
                    exact("0\r\n"),
                    c -> assertThat(c.number).isZero());
            h.run(
                    cmd(Op.INCR, "n").delta(-1L),
                    exact("18446744073709551615\r\n"),
                    c -> assertThat(c.number).isEqualTo(-1L));
            h.run(cmd(Op.SET, "t").value("text"), exact("STORED\r\n"), c -> {});
            h.run(
                    cmd(Op.INCR, "t").delta(1),
                    exact("CLIENT_ERROR cannot increment or decrement non-numeric value\r\n"),
                    c -> {
                        status(c, Status.NON_NUMERIC);
                        assertThat(c.poisonsConnection).isFalse();
                    });
            h.run(cmd(Op.SET, "big").value("1".repeat(21)), exact("STORED\r\n"), c -> {});
            h.run(
                    cmd(Op.DECR, "big").delta(1),
                    exact("CLIENT_ERROR cannot increment or decrement non-numeric value\r\n"),
                    c -> status(c, Status.NON_NUMERIC));
        }
    }

    @Test
    void multiGetsAndShared(MemcachedServer server) throws Exception {
        try (RawSession session = new RawSession(server)) {
            RealServerHarness h = new RealServerHarness(session, new TextDialect(1 << 20));
            h.run(cmd(Op.SET, "p1").value("1").flags(1), exact("STORED\r\n"), c -> {});
            h.run(cmd(Op.SET, "p3").value("33"), exact("STORED\r\n"), c -> {});
            h.run(
                    TestCommand.multi(Op.GET_MULTI, false, "p1", "p2", "p3", "p4"),
                    exact("VALUE p1 1 1\r\n1\r\nVALUE p3 0 2\r\n33\r\nEND\r\n"),
                    c -> {
                        assertThat(s(c.multi.values[0])).isEqualTo("1");
                        assertThat(c.multi.values[1]).isNull();
                        assertThat(s(c.multi.values[2])).isEqualTo("33");
                    });
            h.run(
                    TestCommand.multi(Op.GETS_MULTI, false, "p3", "p1"),
                    "VALUE p3 0 2 [0-9]+\r\n33\r\nVALUE p1 1 1 [0-9]+\r\n1\r\nEND\r\n",
                    c -> assertThat(c.multi.cas[0]).isPositive());
            h.run(
                    TestCommand.multi(Op.GET_MULTI, false, "p1", "p1"),
                    exact("VALUE p1 1 1\r\n1\r\nVALUE p1 1 1\r\n1\r\nEND\r\n"),
                    c -> assertThat(c.multi.values[1]).isNotNull());
            h.run(TestCommand.plain(Op.NOOP), "VERSION 1\\.6\\.[0-9]+\r\n", c -> status(c, Status.OK));
            h.run(
                    TestCommand.plain(Op.VERSION),
                    "VERSION 1\\.6\\.[0-9]+\r\n",
                    c -> assertThat(c.text).startsWith("1.6."));
            h.run(TestCommand.plain(Op.VERBOSITY).arg("0"), exact("OK\r\n"), c -> status(c, Status.OK));
            h.run(
                    TestCommand.plain(Op.STATS),
                    "(STAT [^\r\n]+\r\n)+END\r\n",
                    c -> assertThat(c.stats).containsKey("pid"));
            h.run(
                    TestCommand.plain(Op.STATS).arg("slabs"),
                    "(STAT [^\r\n]+\r\n)+END\r\n",
                    c -> assertThat(c.stats).containsKey("active_slabs"));
            h.run(TestCommand.plain(Op.STATS).arg("sizes"), "(STAT [^\r\n]+\r\n)*END\r\n", c -> status(c, Status.OK));
            h.run(TestCommand.plain(Op.FLUSH_ALL).exptime(100), exact("OK\r\n"), c -> status(c, Status.OK));
            h.run(TestCommand.plain(Op.FLUSH_ALL), exact("OK\r\n"), c -> status(c, Status.OK));
            h.run(cmd(Op.GET, "p1"), exact("END\r\n"), c -> status(c, Status.MISS));
        }
    }

    @Test
    void tooLargeValue(MemcachedServer server) throws Exception {
        try (RawSession session = new RawSession(server)) {
            RealServerHarness h = new RealServerHarness(session, new TextDialect(1 << 20));
            TestCommand big = cmd(Op.SET, "big");
            big.value = new byte[1048577];
            h.run(big, exact("SERVER_ERROR object too large for cache\r\n"), c -> {
                status(c, Status.SERVER_ERROR);
                assertThat(c.poisonsConnection).isFalse();
            });
            TestCommand largest = cmd(Op.SET, "big");
            largest.value = new byte[1048514];
            h.run(largest, exact("STORED\r\n"), c -> status(c, Status.OK));
            TestCommand get = cmd(Op.GET, "big");
            get.opaque = 0;
            byte[] reply = session.exchange(Feed.bytes(Feed.encode(h.dialect, get)));
            assertThat(reply.length).isEqualTo("VALUE big 0 1048514\r\n".length() + 1048514 + 7);
            TestCommand d = Feed.decodeWhole(h.dialect, get, new String(reply, StandardCharsets.ISO_8859_1));
            assertThat(d.data).hasSize(1048514);
        }
    }
}
