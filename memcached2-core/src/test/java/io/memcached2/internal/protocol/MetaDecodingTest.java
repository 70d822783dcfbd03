package io.memcached2.internal.protocol;

import static io.memcached2.internal.protocol.Feed.decodeAllWays;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Every meta reply type decodes to the same result whether fed whole, one byte at a time, or split at any offset,
 * and completes exactly at the reply's end even when the next reply's bytes follow.
 */
class MetaDecodingTest {
    private final MetaDialect meta = new MetaDialect(1 << 20, false);

    private static String s(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.ISO_8859_1);
    }

    @Test
    void hitWithFlagsAndCas() {
        decodeAllWays(meta, TestCommand.of(Op.GETS, "k").opaque(5), "VA 5 f123 c42 O5\r\nhello\r\n", c -> {
            assertThat(c.status).isEqualTo(Status.HIT);
            assertThat(s(c.data)).isEqualTo("hello");
            assertThat(c.replyFlags).isEqualTo(123);
            assertThat(c.replyCas).isEqualTo(42);
        });
    }

    @Test
    void hitWhoseValueContainsCrlfAndBinary() {
        decodeAllWays(meta, TestCommand.of(Op.GET, "k").opaque(1), "VA 6 O1 f0\r\n\r\nVA\r\n\r\n", c -> {
            assertThat(c.status).isEqualTo(Status.HIT);
            assertThat(s(c.data)).isEqualTo("\r\nVA\r\n");
        });
    }

    @Test
    void emptyValue() {
        decodeAllWays(meta, TestCommand.of(Op.GET, "k").opaque(1), "VA 0 f0 O1\r\n\r\n", c -> {
            assertThat(c.status).isEqualTo(Status.HIT);
            assertThat(c.data).isEmpty();
        });
    }

    @Test
    void flagsAbove2To31AndMaxCas() {
        decodeAllWays(
                meta,
                TestCommand.of(Op.GETS, "k").opaque(1),
                "VA 1 f4294967295 c18446744073709551615 O1\r\nx\r\n",
                c -> {
                    assertThat(c.replyFlags).isEqualTo(-1);
                    assertThat(c.replyCas).isEqualTo(-1L);
                });
    }

    @Test
    void leaseWinStaleAndTtlFlags() {
        decodeAllWays(meta, TestCommand.of(Op.GETS, "k").opaque(8), "VA 0 c15504 t30 O8 W\r\n\r\n", c -> {
            assertThat(c.win).isTrue();
            assertThat(c.leaseTaken).isFalse();
            assertThat(c.ttlLeft).isEqualTo(30);
        });
        decodeAllWays(meta, TestCommand.of(Op.GETS, "k").opaque(8), "VA 3 c1 t-1 O8 Z X\r\nabc\r\n", c -> {
            assertThat(c.win).isFalse();
            assertThat(c.leaseTaken).isTrue();
            assertThat(c.stale).isTrue();
            assertThat(c.ttlLeft).isEqualTo(-1);
        });
    }

    @Test
    void informationalFlagsTheServerMayAddAreSkipped() {
        decodeAllWays(
                meta,
                TestCommand.of(Op.GET, "mgk").opaque(99),
                "VA 5 c2 f123 h0 kmgk l0 O99 s5 t-1\r\nhello\r\n",
                c -> {
                    assertThat(s(c.data)).isEqualTo("hello");
                    assertThat(c.replyFlags).isEqualTo(123);
                });
        decodeAllWays(
                meta,
                TestCommand.of(Op.GET, "a b").opaque(3),
                "VA 1 O3 kYSBi b\r\nx\r\n",
                c -> assertThat(s(c.data)).isEqualTo("x"));
    }

    @Test
    void miss() {
        decodeAllWays(
                meta,
                TestCommand.of(Op.GET, "k").opaque(5),
                "EN O5\r\n",
                c -> assertThat(c.status).isEqualTo(Status.MISS));
        decodeAllWays(
                meta,
                TestCommand.of(Op.GATS, "miss1").opaque(5),
                "EN O5 kmiss1\r\n",
                c -> assertThat(c.status).isEqualTo(Status.MISS));
    }

    @Test
    void touch() {
        decodeAllWays(
                meta,
                TestCommand.of(Op.TOUCH, "k").opaque(2),
                "HD O2\r\n",
                c -> assertThat(c.status).isEqualTo(Status.OK));
        decodeAllWays(
                meta,
                TestCommand.of(Op.TOUCH, "k").opaque(2),
                "EN O2\r\n",
                c -> assertThat(c.status).isEqualTo(Status.NOT_FOUND));
    }

    @Test
    void storeStatuses() {
        for (Op op : new Op[] {Op.SET, Op.ADD, Op.REPLACE, Op.APPEND, Op.PREPEND, Op.CAS}) {
            TestCommand req = TestCommand.of(op, "k").value("v").opaque(4);
            decodeAllWays(meta, req, "HD O4\r\n", c -> assertThat(c.status).isEqualTo(Status.OK));
            decodeAllWays(meta, req, "NS c0 O4\r\n", c -> assertThat(c.status).isEqualTo(Status.NOT_STORED));
            decodeAllWays(meta, req, "EX O4\r\n", c -> assertThat(c.status).isEqualTo(Status.EXISTS));
            decodeAllWays(meta, req, "NF O4\r\n", c -> assertThat(c.status).isEqualTo(Status.NOT_FOUND));
        }
    }

    @Test
    void storeReturningCas() {
        TestCommand req = TestCommand.of(Op.SET, "ms2").value("hi").opaque(7);
        req.returnCas();
        decodeAllWays(meta, req, "HD c29 kms2 O7\r\n", c -> {
            assertThat(c.status).isEqualTo(Status.OK);
            assertThat(c.replyCas).isEqualTo(29);
        });
    }

    @Test
    void deleteStatuses() {
        TestCommand req = TestCommand.of(Op.DELETE, "k").opaque(11);
        decodeAllWays(meta, req, "HD O11\r\n", c -> assertThat(c.status).isEqualTo(Status.OK));
        decodeAllWays(meta, req, "NF O11\r\n", c -> assertThat(c.status).isEqualTo(Status.NOT_FOUND));
        decodeAllWays(meta, req, "EX O11\r\n", c -> assertThat(c.status).isEqualTo(Status.EXISTS));
    }

    @Test
    void arithmetic() {
        for (Op op : new Op[] {Op.INCR, Op.DECR}) {
            TestCommand req = TestCommand.of(op, "n").delta(1).opaque(3);
            decodeAllWays(meta, req, "VA 2 O3\r\n12\r\n", c -> {
                assertThat(c.status).isEqualTo(Status.HIT);
                assertThat(c.number).isEqualTo(12);
            });
            decodeAllWays(
                    meta,
                    req,
                    "VA 20 O3\r\n18446744073709551615\r\n",
                    c -> assertThat(c.number).isEqualTo(-1L));
            decodeAllWays(meta, req, "NF O3\r\n", c -> assertThat(c.status).isEqualTo(Status.NOT_FOUND));
            decodeAllWays(meta, req, "NS O3\r\n", c -> assertThat(c.status).isEqualTo(Status.NOT_STORED));
            decodeAllWays(meta, req, "EX O3\r\n", c -> assertThat(c.status).isEqualTo(Status.EXISTS));
        }
    }

    @Test
    void noop() {
        decodeAllWays(
                meta,
                TestCommand.plain(Op.NOOP),
                "MN\r\n",
                c -> assertThat(c.status).isEqualTo(Status.OK));
    }

    @Test
    void multiGetWithHitsAndQuietMisses() {
        TestCommand req =
                TestCommand.multi(Op.GETS_MULTI, true, "p1", "p2", "p3", "p4").opaque(1);
        decodeAllWays(meta, req, "VA 1 f7 c100 O1\r\n1\r\nVA 2 c300 O3\r\n33\r\nMN\r\n", c -> {
            assertThat(c.status).isEqualTo(Status.OK);
            assertThat(c.multi.values.length).isEqualTo(4);
            assertThat(s(c.multi.values[0])).isEqualTo("1");
            assertThat(c.multi.values[1]).isNull();
            assertThat(s(c.multi.values[2])).isEqualTo("33");
            assertThat(c.multi.values[3]).isNull();
            assertThat(c.multi.flags).containsExactly(7, 0, 0, 0);
            assertThat(c.multi.cas).containsExactly(100, 0, 300, 0);
        });
    }

    @Test
    void multiGetAllMissesIsJustMn() {
        decodeAllWays(meta, TestCommand.multi(Op.GET_MULTI, true, "a", "b").opaque(50), "MN\r\n", c -> {
            assertThat(c.status).isEqualTo(Status.OK);
            assertThat((Object[]) c.multi.values).containsExactly(null, null);
        });
    }

    @Test
    void multiGetAllHits() {
        decodeAllWays(
                meta,
                TestCommand.multi(Op.GET_MULTI, true, "a", "b").opaque(50),
                "VA 1 O50\r\nA\r\nVA 1 O51\r\nB\r\nMN\r\n",
                c -> {
                    assertThat(s(c.multi.values[0])).isEqualTo("A");
                    assertThat(s(c.multi.values[1])).isEqualTo("B");
                });
    }

    @Test
    void sharedCommands() {
        decodeAllWays(meta, TestCommand.plain(Op.VERSION), "VERSION 1.6.18\r\n", c -> {
            assertThat(c.status).isEqualTo(Status.OK);
            assertThat(c.text).isEqualTo("1.6.18");
        });
        decodeAllWays(
                meta,
                TestCommand.plain(Op.FLUSH_ALL),
                "OK\r\n",
                c -> assertThat(c.status).isEqualTo(Status.OK));
        decodeAllWays(
                meta,
                TestCommand.plain(Op.VERBOSITY).arg("1"),
                "OK\r\n",
                c -> assertThat(c.status).isEqualTo(Status.OK));
        decodeAllWays(
                meta, TestCommand.plain(Op.STATS), "STAT pid 12\r\nSTAT version 1.6.18\r\nSTAT empty\r\nEND\r\n", c -> {
                    assertThat(c.status).isEqualTo(Status.OK);
                    assertThat(c.stats)
                            .containsExactly(
                                    java.util.Map.entry("pid", "12"),
                                    java.util.Map.entry("version", "1.6.18"),
                                    java.util.Map.entry("empty", ""));
                });
        decodeAllWays(
                meta,
                TestCommand.plain(Op.STATS).arg("items"),
                "END\r\n",
                c -> assertThat(c.stats).isEmpty());
    }

    @Test
    void errorRepliesAreStatuses() {
        decodeAllWays(
                meta,
                TestCommand.of(Op.SET, "k").value("v").opaque(1),
                "SERVER_ERROR object too large for cache\r\n",
                c -> {
                    assertThat(c.status).isEqualTo(Status.SERVER_ERROR);
                    assertThat(c.text).isEqualTo("SERVER_ERROR object too large for cache");
                    assertThat(c.poisonsConnection).isFalse();
                });
        decodeAllWays(
                meta,
                TestCommand.of(Op.INCR, "k").delta(1).opaque(1),
                "CLIENT_ERROR cannot increment or decrement non-numeric value\r\n",
                c -> {
                    assertThat(c.status).isEqualTo(Status.NON_NUMERIC);
                    assertThat(c.poisonsConnection).isFalse();
                });
        decodeAllWays(meta, TestCommand.of(Op.GET, "k").opaque(1), "CLIENT_ERROR bad data chunk\r\n", c -> {
            assertThat(c.status).isEqualTo(Status.CLIENT_ERROR);
            assertThat(c.text).isEqualTo("CLIENT_ERROR bad data chunk");
            assertThat(c.poisonsConnection).isTrue();
        });
    }
}
