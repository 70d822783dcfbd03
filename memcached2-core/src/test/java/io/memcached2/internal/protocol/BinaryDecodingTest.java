package io.memcached2.internal.protocol;

import static io.memcached2.internal.protocol.BinaryFrames.failure;
import static io.memcached2.internal.protocol.BinaryFrames.hit;
import static io.memcached2.internal.protocol.BinaryFrames.longs;
import static io.memcached2.internal.protocol.BinaryFrames.ok;
import static io.memcached2.internal.protocol.BinaryFrames.response;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * BinaryDialect decodes each reply whole, one byte at a time, and split at every offset, completing exactly at its
 * end and leaving the next reply's bytes unread.
 */
class BinaryDecodingTest {
    private static final String NEXT = ok(0x0a, 999, 0);
    private final BinaryDialect binary = new BinaryDialect(1 << 20);

    private TestCommand decode(TestCommand c, String reply, java.util.function.Consumer<TestCommand> check) {
        return Feed.decodeAllWays(binary, c, reply, NEXT, check);
    }

    private static String s(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    @Test
    void aHit() {
        decode(TestCommand.of(Op.GETS, "key").opaque(5), BinaryFrames.hit(0x0c, 5, 99, -2, "key", "va\r\nlue"), c -> {
            assertThat(c.status).isEqualTo(Status.HIT);
            assertThat(s(c.data)).isEqualTo("va\r\nlue");
            assertThat(c.replyFlags).isEqualTo(-2);
            assertThat(c.replyCas).isEqualTo(99);
        });
        decode(
                TestCommand.of(Op.GAT, "k").opaque(5),
                BinaryFrames.hit(0x23, 5, 1, 0, "k", ""),
                c -> assertThat(c.data).isEmpty());
    }

    @Test
    void missEchoesTheKey() {
        decode(
                TestCommand.of(Op.GET, "key").opaque(5),
                response(0x0c, 1, 5, 0, new byte[0], "key", new byte[0]),
                c -> assertThat(c.status).isEqualTo(Status.MISS));
    }

    @Test
    void aUtf8KeyIsComparedByItsBytes() {
        decode(
                TestCommand.of(Op.GET, "cl\u00e9").opaque(5),
                hit(0x0c, 5, 1, 0, "cl\u00e9", "v"),
                c -> assertThat(s(c.data)).isEqualTo("v"));
    }

    @ParameterizedTest(name = "{0} status {1} -> {2}")
    @CsvSource({
        "SET, 0, OK",
        "SET, 2, EXISTS",
        "SET, 1, NOT_FOUND",
        "SET, 5, NOT_STORED",
        "ADD, 2, NOT_STORED",
        "REPLACE, 1, NOT_STORED",
        "CAS, 1, NOT_FOUND",
        "CAS, 2, EXISTS",
        "APPEND, 5, NOT_STORED",
        "PREPEND, 5, NOT_STORED",
        "DELETE, 0, OK",
        "DELETE, 1, NOT_FOUND",
        "DELETE, 2, EXISTS",
        "INCR, 1, NOT_FOUND",
        "DECR, 6, NON_NUMERIC",
        "INCR, 5, NOT_STORED",
        "TOUCH, 1, NOT_FOUND",
        "SET, 3, SERVER_ERROR",
        "SET, 130, SERVER_ERROR",
        "GET, 130, SERVER_ERROR",
        "SET, 4, CLIENT_ERROR",
        "FLUSH_ALL, 32, CLIENT_ERROR",
        "FLUSH_ALL, 0, OK",
        "NOOP, 0, OK"
    })
    void statusCodes(Op op, int status, Status expected) {
        int opcode = Feed.encode(binary, request(op)).charAt(1);
        String reply = status == 0 ? ok(opcode, 3, 8) : failure(opcode, status, 3, "message");
        decode(request(op), reply, c -> {
            assertThat(c.status).isEqualTo(expected);
            if (status != 0) {
                assertThat(c.text).isEqualTo("message (binary status 0x" + Integer.toHexString(status) + ")");
            }
            assertThat(c.poisonsConnection).as("closes the connection").isEqualTo(status == 4);
        });
    }

    private static TestCommand request(Op op) {
        TestCommand c = op.hasKey() ? TestCommand.of(op, "k").value("v").delta(1) : TestCommand.plain(op);
        if (op == Op.CAS) {
            c.cas(5);
        }
        return c.opaque(3);
    }

    @Test
    void touchHitCarriesTheFlags() {
        decode(
                TestCommand.of(Op.TOUCH, "k").opaque(2),
                response(0x1c, 0, 2, 4, BinaryFrames.ints(7), "", new byte[0]),
                c -> assertThat(c.status).isEqualTo(Status.OK));
    }

    @Test
    void arithmeticIsAnUnsigned64BitNumber() {
        decode(
                TestCommand.of(Op.INCR, "n").delta(1).opaque(2),
                response(0x05, 0, 2, 4, new byte[0], "", longs(-1)),
                c -> {
                    assertThat(c.status).isEqualTo(Status.HIT);
                    assertThat(Long.toUnsignedString(c.number)).isEqualTo("18446744073709551615");
                });
    }

    @Test
    void versionAndStats() {
        decode(
                TestCommand.plain(Op.VERSION).opaque(1),
                response(0x0b, 0, 1, 0, new byte[0], "", BinaryFrames.bytes("1.6.18")),
                c -> assertThat(c.text).isEqualTo("1.6.18"));
        String stats = response(0x10, 0, 4, 0, new byte[0], "pid", BinaryFrames.bytes("12"))
                + response(0x10, 0, 4, 0, new byte[0], "empty", new byte[0])
                + ok(0x10, 4, 0);
        decode(TestCommand.plain(Op.STATS).opaque(4), stats, c -> {
            assertThat(c.stats).containsExactly(java.util.Map.entry("pid", "12"), java.util.Map.entry("empty", ""));
        });
        String dump = response(
                        0x10,
                        0,
                        4,
                        0,
                        new byte[0],
                        "detailed",
                        BinaryFrames.bytes(
                                "PREFIX a get 1 hit 0 set 2 del 0\r\nPREFIX b get 3 hit 3 set 0 del 1\r\nEND\r\n"))
                + ok(0x10, 4, 0);
        decode(
                TestCommand.plain(Op.STATS).arg("detail dump").opaque(4),
                dump,
                c -> assertThat(c.stats)
                        .containsExactly(
                                java.util.Map.entry("a", "get 1 hit 0 set 2 del 0"),
                                java.util.Map.entry("b", "get 3 hit 3 set 0 del 1")));
        String sizesError = response(0x10, 0, 4, 0, new byte[0], "sizes_status", BinaryFrames.bytes("error"))
                + response(0x10, 0, 4, 0, new byte[0], "sizes_error", BinaryFrames.bytes("cas_support_disabled"));
        decode(
                TestCommand.plain(Op.STATS).arg("sizes_enable").opaque(4),
                sizesError,
                c -> assertThat(c.stats).containsEntry("sizes_error", "cas_support_disabled"));
        decode(
                TestCommand.plain(Op.STATS).arg("items").opaque(4),
                failure(0x10, 1, 4, "Not found"),
                c -> assertThat(c.status).isEqualTo(Status.CLIENT_ERROR));
    }

    @Test
    void multiGet() {
        String reply = hit(0x0d, 11, 5, 1, "b", "B") + hit(0x0d, 12, 6, 2, "c", "CC") + ok(0x0a, 13, 0);
        decode(TestCommand.multi(Op.GETS_MULTI, true, "a", "b", "c").opaque(10), reply, c -> {
            assertThat(c.status).isEqualTo(Status.OK);
            assertThat(c.multi.values[0]).isNull();
            assertThat(s(c.multi.values[1])).isEqualTo("B");
            assertThat(c.multi.flags[2]).isEqualTo(2);
            assertThat(c.multi.cas[2]).isEqualTo(6);
        });
        decode(
                TestCommand.multi(Op.GET_MULTI, true, "a").opaque(10),
                ok(0x0a, 11, 0),
                c -> assertThat(c.multi.values[0]).isNull());
    }
}
