package io.memcached2.internal.protocol;

import static io.memcached2.internal.protocol.RealServerHarness.exact;
import static org.assertj.core.api.Assertions.assertThat;

import io.memcached2.testkit.MemcachedExtension;
import io.memcached2.testkit.MemcachedServer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Differential: every command MetaDialect encodes, sent to the real memcached 1.6.18; the recorded reply is the
 * one PROTOCOL-NOTES §1 documents and decodes to the expected result, however it is split.
 */
@ExtendWith(MemcachedExtension.class)
class MetaAgainstMemcachedTest {

    private static String s(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static void status(TestCommand c, Status st) {
        assertThat(c.status).isEqualTo(st);
    }

    @Test
    void storesAndReads(MemcachedServer server) throws Exception {
        try (RawSession session = new RawSession(server)) {
            RealServerHarness h = new RealServerHarness(session, new MetaDialect(1 << 20, false));
            h.run(TestCommand.of(Op.GET, "k").value("x"), "EN O1\r\n", c -> status(c, Status.MISS));
            h.run(TestCommand.of(Op.SET, "k").value("hello").flags(123), exact("HD O2\r\n"), c -> status(c, Status.OK));
            h.run(TestCommand.of(Op.GET, "k"), exact("VA 5 f123 O3\r\nhello\r\n"), c -> {
                status(c, Status.HIT);
                assertThat(s(c.data)).isEqualTo("hello");
                assertThat(c.replyFlags).isEqualTo(123);
            });
            TestCommand gets = h.run(
                    TestCommand.of(Op.GETS, "k"),
                    "VA 5 f123 c[1-9][0-9]* O4\r\nhello\r\n",
                    c -> assertThat(c.replyCas).isPositive());
            h.run(
                    TestCommand.of(Op.GAT, "k").exptime(100),
                    exact("VA 5 f123 O5\r\nhello\r\n"),
                    c -> status(c, Status.HIT));
            TestCommand gats = TestCommand.of(Op.GATS, "k").exptime(200);
            gats.wantTtl();
            h.run(
                    gats,
                    "VA 5 f123 c[0-9]+ t(200|199) O6\r\nhello\r\n",
                    c -> assertThat(c.ttlLeft).isBetween(199, 200));
            h.run(TestCommand.of(Op.TOUCH, "k").exptime(0), exact("HD O7\r\n"), c -> status(c, Status.OK));
            h.run(TestCommand.of(Op.TOUCH, "nokey").exptime(0), exact("EN O8\r\n"), c -> status(c, Status.NOT_FOUND));
            h.run(TestCommand.of(Op.ADD, "k").value("v"), exact("NS O9\r\n"), c -> status(c, Status.NOT_STORED));
            h.run(
                    TestCommand.of(Op.REPLACE, "nokey").value("v"),
                    exact("NS O10\r\n"),
                    c -> status(c, Status.NOT_STORED));
            h.run(TestCommand.of(Op.APPEND, "k").value(">"), exact("HD O11\r\n"), c -> status(c, Status.OK));
            h.run(TestCommand.of(Op.PREPEND, "k").value("<"), exact("HD O12\r\n"), c -> status(c, Status.OK));
            h.run(
                    TestCommand.of(Op.APPEND, "nokey").value(">"),
                    exact("NS O13\r\n"),
                    c -> status(c, Status.NOT_STORED));
            h.run(
                    TestCommand.of(Op.GET, "k"),
                    exact("VA 7 f123 O14\r\n<hello>\r\n"),
                    c -> assertThat(s(c.data)).isEqualTo("<hello>"));
            h.run(
                    TestCommand.of(Op.CAS, "k").value("new").cas(gets.replyCas),
                    exact("EX O15\r\n"),
                    c -> status(c, Status.EXISTS));
            h.run(
                    TestCommand.of(Op.CAS, "nokey").value("new").cas(5),
                    exact("NF O16\r\n"),
                    c -> status(c, Status.NOT_FOUND));
            TestCommand now = h.run(TestCommand.of(Op.GETS, "k"), "VA 7 f123 c[0-9]+ O17\r\n<hello>\r\n", c -> {});
            TestCommand cas = TestCommand.of(Op.CAS, "k").value("new").cas(now.replyCas);
            cas.returnCas();
            h.run(cas, "HD c[0-9]+ O18\r\n", c -> assertThat(c.replyCas).isGreaterThan(now.replyCas));
            h.run(TestCommand.of(Op.ADD, "k2").value("").exptime(100), exact("HD O19\r\n"), c -> status(c, Status.OK));
            h.run(
                    TestCommand.of(Op.GET, "k2"),
                    exact("VA 0 f0 O20\r\n\r\n"),
                    c -> assertThat(c.data).isEmpty());
        }
    }

    @Test
    void binaryValuesKeysFlagsAndExptimes(MemcachedServer server) throws Exception {
        try (RawSession session = new RawSession(server)) {
            RealServerHarness h = new RealServerHarness(session, new MetaDialect(1 << 20, false));
            TestCommand bin = TestCommand.of(Op.SET, "a b\r\n\u0001").flags(-1);
            bin.value = new byte[] {'\r', '\n', 'E', 'N', '\r', '\n', 0, (byte) 0xff};
            h.run(bin, exact("HD O1\r\n"), c -> status(c, Status.OK));
            h.run(
                    TestCommand.of(Op.GET, "a b\r\n\u0001"),
                    exact("VA 8 f4294967295 O2\r\n\r\nEN\r\n\u0000\u00ff\r\n"),
                    c -> {
                        assertThat(c.data).isEqualTo(bin.value);
                        assertThat(c.replyFlags).isEqualTo(-1);
                    });
            h.run(TestCommand.of(Op.SET, "f").value("x").flags(0x80000000), exact("HD O3\r\n"), c -> {});
            h.run(
                    TestCommand.of(Op.GET, "f"),
                    exact("VA 1 f2147483648 O4\r\nx\r\n"),
                    c -> assertThat(c.replyFlags).isEqualTo(0x80000000));
            h.run(TestCommand.of(Op.SET, "cl\u00e9").value("u"), exact("HD O5\r\n"), c -> {});
            h.run(
                    TestCommand.of(Op.GET, "cl\u00e9"),
                    exact("VA 1 f0 O6\r\nu\r\n"),
                    c -> assertThat(s(c.data)).isEqualTo("u"));
            h.run(TestCommand.of(Op.SET, "gone").value("x").exptime(-1), exact("HD O7\r\n"), c -> {});
            h.run(TestCommand.of(Op.GET, "gone"), exact("EN O8\r\n"), c -> status(c, Status.MISS));
            String longKey = " " + "k".repeat(185);
            h.run(TestCommand.of(Op.SET, longKey).value("z"), exact("HD O9\r\n"), c -> {});
            h.run(
                    TestCommand.of(Op.GET, longKey),
                    exact("VA 1 f0 O10\r\nz\r\n"),
                    c -> assertThat(s(c.data)).isEqualTo("z"));
        }
    }

    @Test
    void deletesAndInvalidation(MemcachedServer server) throws Exception {
        try (RawSession session = new RawSession(server)) {
            RealServerHarness h = new RealServerHarness(session, new MetaDialect(1 << 20, false));
            h.run(TestCommand.of(Op.SET, "d").value("abc"), exact("HD O1\r\n"), c -> {});
            h.run(TestCommand.of(Op.DELETE, "d").cas(999_999), exact("EX O2\r\n"), c -> status(c, Status.EXISTS));
            TestCommand inv = TestCommand.of(Op.DELETE, "d").exptime(30);
            inv.invalidate();
            h.run(inv, exact("HD O3\r\n"), c -> status(c, Status.OK));
            TestCommand first = TestCommand.of(Op.GETS, "d");
            first.wantTtl();
            h.run(first, "VA 3 f0 c[0-9]+ t(30|29) O4 X W\r\nabc\r\n", c -> {
                assertThat(c.stale).isTrue();
                assertThat(c.win).isTrue();
            });
            h.run(TestCommand.of(Op.GETS, "d"), "VA 3 f0 c[0-9]+ O5 Z X\r\nabc\r\n", c -> {
                assertThat(c.stale).isTrue();
                assertThat(c.leaseTaken).isTrue();
                assertThat(c.win).isFalse();
            });
            h.run(TestCommand.of(Op.DELETE, "d"), exact("HD O6\r\n"), c -> status(c, Status.OK));
            h.run(TestCommand.of(Op.DELETE, "d"), exact("NF O7\r\n"), c -> status(c, Status.NOT_FOUND));
        }
    }

    @Test
    void leases(MemcachedServer server) throws Exception {
        try (RawSession session = new RawSession(server)) {
            RealServerHarness h = new RealServerHarness(session, new MetaDialect(1 << 20, false));
            TestCommand a = TestCommand.of(Op.GETS, "lease");
            a.vivify(30);
            a.wantTtl();
            TestCommand won = h.run(
                    a,
                    "VA 0 f0 c[0-9]+ N30 t30 O1 W\r\n\r\n|VA 0 f0 c[0-9]+ t30 O1 W\r\n\r\n",
                    c -> assertThat(c.win).isTrue());
            TestCommand b = a.copyRequest();
            h.run(b, "VA 0 f0 c[0-9]+ t(30|29) O2 Z\r\n\r\n", c -> {
                assertThat(c.win).isFalse();
                assertThat(c.leaseTaken).isTrue();
            });
            TestCommand recache = TestCommand.of(Op.GET, "lease");
            recache.recache(100);
            h.run(recache, "VA 0 f0 O3 Z\r\n\r\n", c -> assertThat(c.leaseTaken).isTrue());
            h.run(
                    TestCommand.of(Op.CAS, "lease").value("v").cas(won.replyCas).exptime(300),
                    exact("HD O4\r\n"),
                    c -> status(c, Status.OK));
        }
    }

    @Test
    void arithmetic(MemcachedServer server) throws Exception {
        try (RawSession session = new RawSession(server)) {
            RealServerHarness h = new RealServerHarness(session, new MetaDialect(1 << 20, false));
            h.run(TestCommand.of(Op.INCR, "n").delta(1), exact("NF O1\r\n"), c -> status(c, Status.NOT_FOUND));
            TestCommand create = TestCommand.of(Op.INCR, "n").delta(5);
            create.autoCreate = true;
            create.initial = 10;
            h.run(create, exact("VA 2 O2\r\n10\r\n"), c -> assertThat(c.number).isEqualTo(10));
            h.run(
                    TestCommand.of(Op.INCR, "n").delta(5),
                    exact("VA 2 O3\r\n15\r\n"),
                    c -> assertThat(c.number).isEqualTo(15));
            h.run(
                    TestCommand.of(Op.DECR, "n").delta(100),
                    exact("VA 1 O4\r\n0\r\n"),
                    c -> assertThat(c.number).isZero());
            h.run(TestCommand.of(Op.SET, "n").value("18446744073709551615"), exact("HD O5\r\n"), c -> {});
            h.run(
                    TestCommand.of(Op.INCR, "n").delta(-1L),
                    exact("VA 20 O6\r\n18446744073709551614\r\n"),
                    c -> assertThat(c.number).isEqualTo(-2L));
            h.run(
                    TestCommand.of(Op.INCR, "n").delta(2),
                    exact("VA 1 O7\r\n0\r\n"),
                    c -> assertThat(c.number).isZero());
            h.run(TestCommand.of(Op.SET, "t").value("text"), exact("HD O8\r\n"), c -> {});
            h.run(
                    TestCommand.of(Op.INCR, "t").delta(1),
                    exact("CLIENT_ERROR cannot increment or decrement non-numeric value\r\n"),
                    c -> {
                        status(c, Status.NON_NUMERIC);
                        assertThat(c.poisonsConnection).isFalse();
                    });
            TestCommand dec = TestCommand.of(Op.DECR, "a b").delta(1);
            dec.autoCreate = true;
            dec.initial = 7;
            h.run(dec, exact("VA 1 O10\r\n7\r\n"), c -> assertThat(c.number).isEqualTo(7));
        }
    }

    /** The default meta dialect sends multi-gets of text-safe keys in classic form, and mg pipelines otherwise. */
    @Test
    void defaultDialectMixesClassicAndQuietMultiGets(MemcachedServer server) throws Exception {
        try (RawSession session = new RawSession(server)) {
            RealServerHarness h = new RealServerHarness(session, new MetaDialect(1 << 20));
            h.run(TestCommand.of(Op.SET, "c1").value("1").flags(5), exact("HD O1\r\n"), c -> {});
            h.run(TestCommand.of(Op.SET, "c 2").value("22"), exact("HD O2\r\n"), c -> {});
            h.run(
                    TestCommand.multi(Op.GET_MULTI, true, "c1", "none", "c1"),
                    exact("VALUE c1 5 1\r\n1\r\nVALUE c1 5 1\r\n1\r\nEND\r\n"),
                    c -> {
                        assertThat(s(c.multi.values[0])).isEqualTo("1");
                        assertThat(c.multi.values[1]).isNull();
                        assertThat(s(c.multi.values[2])).isEqualTo("1");
                        assertThat(c.multi.flags[0]).isEqualTo(5);
                    });
            h.run(
                    TestCommand.multi(Op.GETS_MULTI, true, "c1"),
                    "VALUE c1 5 1 [0-9]+\r\n1\r\nEND\r\n",
                    c -> assertThat(c.multi.cas[0]).isPositive());
            h.run(
                    TestCommand.multi(Op.GET_MULTI, true, "c1", "c 2"),
                    "VA 1 f5 O[0-9]+\r\n1\r\nVA 2 f0 O[0-9]+\r\n22\r\nMN\r\n",
                    c -> assertThat(s(c.multi.values[1])).isEqualTo("22"));
        }
    }

    @Test
    void multiGetsAndShared(MemcachedServer server) throws Exception {
        try (RawSession session = new RawSession(server)) {
            RealServerHarness h = new RealServerHarness(session, new MetaDialect(1 << 20, false));
            h.run(TestCommand.of(Op.SET, "p1").value("1").flags(1), exact("HD O1\r\n"), c -> {});
            h.run(TestCommand.of(Op.SET, "p 3").value("33"), exact("HD O2\r\n"), c -> {});
            h.run(
                    TestCommand.multi(Op.GET_MULTI, true, "p1", "p2", "p 3", "p4"),
                    exact("VA 1 f1 O3\r\n1\r\nVA 2 f0 O5\r\n33\r\nMN\r\n"),
                    c -> {
                        assertThat(s(c.multi.values[0])).isEqualTo("1");
                        assertThat(c.multi.values[1]).isNull();
                        assertThat(s(c.multi.values[2])).isEqualTo("33");
                        assertThat(c.multi.flags[0]).isEqualTo(1);
                    });
            h.run(
                    TestCommand.multi(Op.GETS_MULTI, true, "p1", "nope"),
                    "VA 1 f1 c[0-9]+ O7\r\n1\r\nMN\r\n",
                    c -> assertThat(c.multi.cas[0]).isPositive());
            h.run(TestCommand.multi(Op.GET_MULTI, true, "x", "y"), exact("MN\r\n"), c -> status(c, Status.OK));
            h.run(TestCommand.plain(Op.NOOP), exact("MN\r\n"), c -> status(c, Status.OK));
            h.run(
                    TestCommand.plain(Op.VERSION),
                    "VERSION 1\\.6\\.[0-9]+\r\n",
                    c -> assertThat(c.text).startsWith("1.6."));
            h.run(TestCommand.plain(Op.VERBOSITY).arg("1"), exact("OK\r\n"), c -> status(c, Status.OK));
            h.run(
                    TestCommand.plain(Op.STATS).arg("settings"),
                    "(STAT [^\r\n]+\r\n)+END\r\n",
                    c -> assertThat(c.stats).containsEntry("item_size_max", "1048576"));
            h.run(
                    TestCommand.plain(Op.STATS).arg("items"),
                    "(STAT [^\r\n]+\r\n)+END\r\n",
                    c -> assertThat(c.stats).isNotEmpty());
            h.run(TestCommand.plain(Op.FLUSH_ALL).exptime(100), exact("OK\r\n"), c -> status(c, Status.OK));
            h.run(TestCommand.plain(Op.FLUSH_ALL), exact("OK\r\n"), c -> status(c, Status.OK));
            h.run(TestCommand.of(Op.GET, "p1"), exact("EN O18\r\n"), c -> status(c, Status.MISS));
        }
    }

    @Test
    void tooLargeValue(MemcachedServer server) throws Exception {
        try (RawSession session = new RawSession(server)) {
            RealServerHarness h = new RealServerHarness(session, new MetaDialect(1 << 20, false));
            TestCommand big = TestCommand.of(Op.SET, "big");
            big.value = new byte[1048577];
            h.run(big, exact("SERVER_ERROR object too large for cache\r\n"), c -> {
                status(c, Status.SERVER_ERROR);
                assertThat(c.poisonsConnection).isFalse();
            });
            h.run(TestCommand.of(Op.GET, "big"), exact("EN O2\r\n"), c -> status(c, Status.MISS));
        }
    }
}
