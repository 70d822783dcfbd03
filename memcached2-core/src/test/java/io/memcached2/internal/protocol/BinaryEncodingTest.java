package io.memcached2.internal.protocol;

import static io.memcached2.internal.protocol.BinaryFrames.ints;
import static io.memcached2.internal.protocol.BinaryFrames.longs;
import static io.memcached2.internal.protocol.BinaryFrames.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The exact bytes BinaryDialect writes for each command, and what it refuses before writing anything. */
class BinaryEncodingTest {
    private static final byte[] NONE = new byte[0];
    private final BinaryDialect binary = new BinaryDialect(1 << 20);

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        return Feed.concat(a, b);
    }

    @Test
    void reads() {
        assertThat(Feed.encode(binary, TestCommand.of(Op.GET, "k").opaque(7)))
                .isEqualTo(request(0x0c, 7, 0, NONE, "k", NONE));
        assertThat(Feed.encode(binary, TestCommand.of(Op.GETS, "k").opaque(7)))
                .isEqualTo(request(0x0c, 7, 0, NONE, "k", NONE));
        assertThat(Feed.encode(binary, TestCommand.of(Op.GAT, "k").opaque(8).exptime(60)))
                .isEqualTo(request(0x23, 8, 0, ints(60), "k", NONE));
        assertThat(Feed.encode(binary, TestCommand.of(Op.TOUCH, "k").opaque(9).exptime(0)))
                .isEqualTo(request(0x1c, 9, 0, ints(0), "k", NONE));
    }

    @Test
    void storesCarryFlagsExptimeAndCas() {
        assertThat(Feed.encode(
                        binary,
                        TestCommand.of(Op.SET, "k")
                                .value("v")
                                .flags(-1)
                                .exptime(30)
                                .opaque(1)))
                .isEqualTo(request(0x01, 1, 0, ints(-1, 30), "k", b("v")));
        assertThat(Feed.encode(binary, TestCommand.of(Op.ADD, "k").value("v").opaque(2)))
                .isEqualTo(request(0x02, 2, 0, ints(0, 0), "k", b("v")));
        assertThat(Feed.encode(
                        binary, TestCommand.of(Op.REPLACE, "k").value("v").opaque(3)))
                .isEqualTo(request(0x03, 3, 0, ints(0, 0), "k", b("v")));
        assertThat(Feed.encode(
                        binary, TestCommand.of(Op.CAS, "k").value("v").cas(77).opaque(4)))
                .isEqualTo(request(0x01, 4, 77, ints(0, 0), "k", b("v")));
        assertThat(Feed.encode(binary, TestCommand.of(Op.APPEND, "k").value("v").opaque(5)))
                .isEqualTo(request(0x0e, 5, 0, NONE, "k", b("v")));
        assertThat(Feed.encode(
                        binary,
                        TestCommand.of(Op.PREPEND, "k").value("v").cas(3).opaque(6)))
                .isEqualTo(request(0x0f, 6, 3, NONE, "k", b("v")));
    }

    @Test
    void aNegativeExptimeGoesAsAnAbsoluteTimeInThePast() {
        assertThat(Feed.encode(
                        binary,
                        TestCommand.of(Op.SET, "k").value("v").exptime(-1).opaque(1)))
                .isEqualTo(request(0x01, 1, 0, ints(0, 2592001), "k", b("v")));
    }

    @Test
    void deleteAndArithmetic() {
        assertThat(Feed.encode(binary, TestCommand.of(Op.DELETE, "k").cas(9).opaque(1)))
                .isEqualTo(request(0x04, 1, 9, NONE, "k", NONE));
        assertThat(Feed.encode(binary, TestCommand.of(Op.INCR, "k").delta(5).opaque(2)))
                .isEqualTo(request(0x05, 2, 0, concat(longs(5, 0), ints(-1)), "k", NONE));
        TestCommand create = TestCommand.of(Op.DECR, "k").delta(-1).exptime(60).opaque(3);
        create.autoCreate = true;
        create.initial = 10;
        assertThat(Feed.encode(binary, create))
                .isEqualTo(request(0x06, 3, 0, concat(longs(-1, 10), ints(60)), "k", NONE));
    }

    @Test
    void keysTravelAsTheirRawBytes() {
        TestCommand spaced = TestCommand.of(Op.GET, "a b\u0001", true).opaque(1);
        assertThat(spaced.keyForm).isEqualTo(Command.KEY_BASE64);
        assertThat(Feed.encode(binary, spaced)).isEqualTo(request(0x0c, 1, 0, NONE, "a b\u0001", NONE));
        assertThat(Feed.encode(binary, TestCommand.of(Op.GET, "cl\u00e9").opaque(2)))
                .isEqualTo(request(0x0c, 2, 0, NONE, "cl\u00e9", NONE));
    }

    @Test
    void multiGetIsQuietAndEndsWithANoopOfItsOwnOpaque() {
        assertThat(Feed.encode(
                        binary, TestCommand.multi(Op.GETS_MULTI, true, "a", "b").opaque(10)))
                .isEqualTo(request(0x0d, 10, 0, NONE, "a", NONE)
                        + request(0x0d, 11, 0, NONE, "b", NONE)
                        + request(0x0a, 12, 0, NONE, "", NONE));
    }

    @Test
    void adminCommands() {
        assertThat(Feed.encode(binary, TestCommand.plain(Op.FLUSH_ALL).opaque(1)))
                .isEqualTo(request(0x08, 1, 0, NONE, "", NONE));
        assertThat(Feed.encode(
                        binary, TestCommand.plain(Op.FLUSH_ALL).exptime(10).opaque(1)))
                .isEqualTo(request(0x08, 1, 0, ints(10), "", NONE));
        assertThat(Feed.encode(binary, TestCommand.plain(Op.VERSION).opaque(2)))
                .isEqualTo(request(0x0b, 2, 0, NONE, "", NONE));
        assertThat(Feed.encode(binary, TestCommand.plain(Op.NOOP).opaque(3)))
                .isEqualTo(request(0x0a, 3, 0, NONE, "", NONE));
        assertThat(Feed.encode(binary, TestCommand.plain(Op.STATS).opaque(4)))
                .isEqualTo(request(0x10, 4, 0, NONE, "", NONE));
        assertThat(Feed.encode(
                        binary, TestCommand.plain(Op.STATS).arg("detail dump").opaque(5)))
                .isEqualTo(request(0x10, 5, 0, NONE, "detail dump", NONE));
    }

    @Test
    void refusesWhatOnlyMetaCanExpress() {
        TestCommand lease = TestCommand.of(Op.GETS, "k");
        lease.vivify(30);
        TestCommand recache = TestCommand.of(Op.GETS, "k");
        recache.recache(30);
        TestCommand stale = TestCommand.of(Op.DELETE, "k");
        stale.invalidate();
        TestCommand ttl = TestCommand.of(Op.GET, "k");
        ttl.wantTtl();
        refused(lease, "a lease on miss");
        refused(recache, "early recache");
        refused(stale, "invalidation");
        refused(ttl, "returning the remaining TTL");
        refused(TestCommand.plain(Op.VERBOSITY).arg("1"), "verbosity");
        refused(TestCommand.of(Op.ADD, "k").value("v").cas(5), "add with a CAS unique");
    }

    private void refused(TestCommand c, String what) {
        io.netty.buffer.ByteBuf out = io.netty.buffer.Unpooled.buffer();
        try {
            assertThatThrownBy(() -> binary.encode(c, out))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(what)
                    .hasMessageContaining("cannot be expressed in the binary protocol");
            assertThat(out.readableBytes()).as("nothing written").isZero();
        } finally {
            out.release();
        }
    }
}
