package io.memcached2.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memcached2.testkit.MemcachedExtension;
import io.memcached2.testkit.MemcachedServer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Differential: every command BinaryDialect encodes, sent to the real memcached 1.6.18 speaking the binary
 * protocol; the recorded reply decodes to the expected outcome however it is split, and its opaque and opcode
 * match the request's.
 */
@ExtendWith(MemcachedExtension.class)
class BinaryAgainstMemcachedTest {
    private static final String TRAILER = BinaryFrames.ok(0x0a, 999, 0);

    /** Encodes, sends, and decodes the recorded reply every way; opaques count like a connection's. */
    private static final class Harness {
        final RawSession session;
        final BinaryDialect dialect;
        int nextOpaque = 1;

        Harness(RawSession session, int maxValueBytes) {
            this.session = session;
            this.dialect = new BinaryDialect(maxValueBytes);
        }

        TestCommand run(TestCommand c, Consumer<TestCommand> check) {
            c.opaque = nextOpaque;
            nextOpaque += c.multi != null ? c.multi.keys.length + 1 : 1;
            byte[] reply = session.exchange(BinaryFrames.bytes(Feed.encode(dialect, c)));
            return Feed.decodeAllWays(dialect, c, new String(reply, StandardCharsets.ISO_8859_1), TRAILER, check);
        }
    }

    private static String s(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static Consumer<TestCommand> status(Status st) {
        return c -> assertThat(c.status).isEqualTo(st);
    }

    private static TestCommand of(Op op, String key) {
        return TestCommand.of(op, key, true);
    }

    @Test
    void storesAndReads(MemcachedServer server) throws Exception {
        try (RawSession session = RawSession.binary(server)) {
            Harness h = new Harness(session, 1 << 20);
            h.run(of(Op.GET, "k"), status(Status.MISS));
            TestCommand set = of(Op.SET, "k").value("hello").flags(123);
            set.returnCas();
            TestCommand stored = h.run(set, c -> {
                assertThat(c.status).isEqualTo(Status.OK);
                assertThat(c.replyCas).isPositive();
            });
            h.run(of(Op.GET, "k"), c -> {
                assertThat(c.status).isEqualTo(Status.HIT);
                assertThat(s(c.data)).isEqualTo("hello");
                assertThat(c.replyFlags).isEqualTo(123);
            });
            TestCommand gets =
                    h.run(of(Op.GETS, "k"), c -> assertThat(c.replyCas).isEqualTo(stored.replyCas));
            h.run(of(Op.GAT, "k").exptime(100), c -> assertThat(s(c.data)).isEqualTo("hello"));
            h.run(of(Op.GATS, "k").exptime(200), c -> assertThat(c.replyCas).isPositive());
            h.run(of(Op.GATS, "nokey").exptime(200), status(Status.MISS));
            h.run(of(Op.TOUCH, "k").exptime(0), status(Status.OK));
            h.run(of(Op.TOUCH, "nokey").exptime(0), status(Status.NOT_FOUND));
            h.run(of(Op.ADD, "k").value("v"), status(Status.NOT_STORED));
            h.run(of(Op.REPLACE, "nokey").value("v"), status(Status.NOT_STORED));
            h.run(of(Op.APPEND, "k").value(">"), status(Status.OK));
            h.run(of(Op.PREPEND, "k").value("<"), status(Status.OK));
            h.run(of(Op.APPEND, "nokey").value(">"), status(Status.NOT_STORED));
            h.run(of(Op.PREPEND, "nokey").value(">"), status(Status.NOT_STORED));
            h.run(of(Op.GET, "k"), c -> assertThat(s(c.data)).isEqualTo("<hello>"));
            h.run(of(Op.CAS, "k").value("new").cas(gets.replyCas), status(Status.EXISTS));
            h.run(of(Op.CAS, "nokey").value("new").cas(5), status(Status.NOT_FOUND));
            TestCommand now = h.run(of(Op.GETS, "k"), c -> {});
            TestCommand cas = of(Op.CAS, "k").value("new").cas(now.replyCas);
            cas.returnCas();
            h.run(cas, c -> assertThat(c.replyCas).isGreaterThan(now.replyCas));
            h.run(of(Op.REPLACE, "k").value("replaced"), status(Status.OK));
            h.run(of(Op.ADD, "k2").value("").exptime(100), status(Status.OK));
            h.run(of(Op.GET, "k2"), c -> assertThat(c.data).isEmpty());
        }
    }

    @Test
    void deletes(MemcachedServer server) throws Exception {
        try (RawSession session = RawSession.binary(server)) {
            Harness h = new Harness(session, 1 << 20);
            h.run(of(Op.SET, "d").value("v"), status(Status.OK));
            TestCommand gets = h.run(of(Op.GETS, "d"), c -> {});
            h.run(of(Op.DELETE, "d").cas(gets.replyCas + 1), status(Status.EXISTS));
            h.run(of(Op.DELETE, "d").cas(gets.replyCas), status(Status.OK));
            h.run(of(Op.DELETE, "d"), status(Status.NOT_FOUND));
            h.run(of(Op.SET, "d").value("v"), status(Status.OK));
            h.run(of(Op.DELETE, "d"), status(Status.OK));
        }
    }

    @Test
    void arithmetic(MemcachedServer server) throws Exception {
        try (RawSession session = RawSession.binary(server)) {
            Harness h = new Harness(session, 1 << 20);
            h.run(of(Op.INCR, "n").delta(1), status(Status.NOT_FOUND));
            TestCommand create = of(Op.INCR, "n").delta(1);
            create.autoCreate = true;
            create.initial = 40;
            create.exptime = 100;
            h.run(create, c -> assertThat(c.number).isEqualTo(40));
            h.run(of(Op.INCR, "n").delta(2), c -> {
                assertThat(c.status).isEqualTo(Status.HIT);
                assertThat(c.number).isEqualTo(42);
            });
            h.run(of(Op.DECR, "n").delta(50), c -> assertThat(c.number).isZero());
            h.run(of(Op.SET, "big").value("18446744073709551615"), status(Status.OK));
            h.run(of(Op.INCR, "big").delta(1), c -> assertThat(c.number).isZero());
            h.run(of(Op.DECR, "big").delta(0), c -> assertThat(c.number).isZero());
            h.run(of(Op.SET, "t").value("text"), status(Status.OK));
            h.run(of(Op.INCR, "t").delta(1), c -> {
                assertThat(c.status).isEqualTo(Status.NON_NUMERIC);
                assertThat(c.text).contains("Non-numeric");
            });
            TestCommand decrCreate = of(Op.DECR, "m").delta(5);
            decrCreate.autoCreate = true;
            decrCreate.initial = -1;
            h.run(decrCreate, c -> assertThat(c.number).isEqualTo(-1L));
            h.run(of(Op.GET, "m"), c -> assertThat(s(c.data)).isEqualTo("18446744073709551615"));
        }
    }

    @Test
    void binaryKeysValuesFlagsAndExptimes(MemcachedServer server) throws Exception {
        try (RawSession session = RawSession.binary(server)) {
            Harness h = new Harness(session, 1 << 20);
            TestCommand bin = of(Op.SET, "a b\r\n\u0001").flags(-1);
            bin.value = new byte[] {'\r', '\n', 0, (byte) 0x81, (byte) 0xff};
            h.run(bin, status(Status.OK));
            h.run(of(Op.GET, "a b\r\n\u0001"), c -> {
                assertThat(c.data).isEqualTo(bin.value);
                assertThat(c.replyFlags).isEqualTo(-1);
            });
            h.run(of(Op.SET, "cl\u00e9").value("u").flags(0x80000000), status(Status.OK));
            h.run(of(Op.GET, "cl\u00e9"), c -> assertThat(c.replyFlags).isEqualTo(0x80000000));
            h.run(of(Op.SET, "gone").value("x").exptime(-1), status(Status.OK));
            h.run(of(Op.GET, "gone"), status(Status.MISS));
            String longest = "k".repeat(250);
            h.run(of(Op.SET, longest).value("x"), status(Status.OK));
            h.run(of(Op.GET, longest), c -> assertThat(s(c.data)).isEqualTo("x"));
        }
    }

    @Test
    void multiGetsAreQuietAndEndWithANoop(MemcachedServer server) throws Exception {
        try (RawSession session = RawSession.binary(server)) {
            Harness h = new Harness(session, 1 << 20);
            h.run(of(Op.SET, "m1").value("one").flags(1), status(Status.OK));
            h.run(of(Op.SET, "m 3").value("three").flags(3), status(Status.OK));
            h.run(TestCommand.multi(Op.GET_MULTI, true, "m1", "m2", "m 3", "m4"), c -> {
                assertThat(c.status).isEqualTo(Status.OK);
                assertThat(s(c.multi.values[0])).isEqualTo("one");
                assertThat(c.multi.values[1]).isNull();
                assertThat(s(c.multi.values[2])).isEqualTo("three");
                assertThat(c.multi.flags[2]).isEqualTo(3);
                assertThat(c.multi.values[3]).isNull();
            });
            h.run(TestCommand.multi(Op.GETS_MULTI, true, "m1", "m 3"), c -> {
                assertThat(c.multi.cas[0]).isPositive();
                assertThat(c.multi.cas[1]).isPositive();
            });
            h.run(
                    TestCommand.multi(Op.GET_MULTI, true, "x1", "x2"),
                    c -> assertThat(java.util.Arrays.asList(c.multi.values)).containsOnlyNulls());
        }
    }

    @Test
    void adminCommands(MemcachedServer server) throws Exception {
        try (RawSession session = RawSession.binary(server)) {
            Harness h = new Harness(session, 1 << 20);
            h.run(TestCommand.plain(Op.VERSION), c -> assertThat(c.text).isEqualTo("1.6.18"));
            h.run(TestCommand.plain(Op.NOOP), status(Status.OK));
            h.run(of(Op.SET, "f").value("v"), status(Status.OK));
            h.run(TestCommand.plain(Op.FLUSH_ALL), status(Status.OK));
            h.run(of(Op.GET, "f"), status(Status.MISS));
            h.run(of(Op.SET, "f").value("v"), status(Status.OK));
            h.run(TestCommand.plain(Op.FLUSH_ALL).exptime(100), status(Status.OK));
            h.run(of(Op.GET, "f"), status(Status.HIT));
            h.run(TestCommand.plain(Op.STATS), c -> {
                assertThat(c.stats).containsEntry("version", "1.6.18").containsKey("curr_items");
            });
            h.run(
                    TestCommand.plain(Op.STATS).arg("settings"),
                    c -> assertThat(c.stats).containsKey("maxbytes"));
            h.run(
                    TestCommand.plain(Op.STATS).arg("items"),
                    c -> assertThat(c.stats).containsKey("items:1:number"));
            h.run(
                    TestCommand.plain(Op.STATS).arg("slabs"),
                    c -> assertThat(c.stats).containsKey("active_slabs"));
            h.run(
                    TestCommand.plain(Op.STATS).arg("sizes"),
                    c -> assertThat(c.status).isEqualTo(Status.OK));
            h.run(
                    TestCommand.plain(Op.STATS).arg("sizes_enable"),
                    c -> assertThat(c.stats).containsExactly(java.util.Map.entry("sizes_status", "enabled")));
            h.run(
                    TestCommand.plain(Op.STATS).arg("sizes_disable"),
                    c -> assertThat(c.stats).containsExactly(java.util.Map.entry("sizes_status", "disabled")));
            h.run(
                    TestCommand.plain(Op.STATS).arg("detail on"),
                    c -> assertThat(c.stats).isEmpty());
            h.run(of(Op.GET, "pre:fix"), status(Status.MISS));
            h.run(
                    TestCommand.plain(Op.STATS).arg("detail dump"),
                    c -> assertThat(c.stats).containsEntry("pre", "get 1 hit 0 set 0 del 0"));
            h.run(
                    TestCommand.plain(Op.STATS).arg("detail off"),
                    c -> assertThat(c.stats).isEmpty());
            h.run(TestCommand.plain(Op.STATS).arg("reset"), c -> {
                assertThat(c.status).isEqualTo(Status.OK);
                assertThat(c.stats).isEmpty();
            });
        }
    }

    @Test
    void aValueOverTheServersLimitIsAServerError(MemcachedServer server) throws Exception {
        try (RawSession session = RawSession.binary(server)) {
            Harness h = new Harness(session, 4 << 20);
            TestCommand big = of(Op.SET, "big");
            big.value = new byte[(1 << 20) + 1];
            h.run(big, c -> {
                assertThat(c.status).isEqualTo(Status.SERVER_ERROR);
                assertThat(c.text).isEqualTo("Too large. (binary status 0x3)");
            });
            h.run(of(Op.GET, "big"), status(Status.MISS));
        }
    }

    @Test
    void commandsMemcachedAnswersOnlyInTextAreRefusedBeforeSending() {
        BinaryDialect d = new BinaryDialect(1 << 20);
        for (String arg : new String[] {"conns", "extstore", "cachedump 1 0"}) {
            assertThatThrownBy(() -> Feed.encode(d, TestCommand.plain(Op.STATS).arg(arg)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("stats " + arg + " (memcached answers it in the text protocol only)");
        }
    }
}
