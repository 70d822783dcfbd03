package io.memcached2.internal.protocol;

import static io.memcached2.internal.protocol.BinaryFrames.failure;
import static io.memcached2.internal.protocol.BinaryFrames.hit;
import static io.memcached2.internal.protocol.BinaryFrames.ints;
import static io.memcached2.internal.protocol.BinaryFrames.ok;
import static io.memcached2.internal.protocol.BinaryFrames.packet;
import static io.memcached2.internal.protocol.BinaryFrames.quoted;
import static io.memcached2.internal.protocol.BinaryFrames.response;
import static io.memcached2.internal.protocol.Rejects.rejects;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * BinaryDialect refuses, with a ProtocolError quoting the bytes, every reply that is mangled or not for the
 * request, however it is split; lengths are refused from the header alone, before any body is awaited.
 */
class BinaryStrictnessTest {
    private static final byte[] NONE = new byte[0];
    private final BinaryDialect binary = new BinaryDialect(1000);

    private void refused(TestCommand c, String reply, String what) {
        rejects(binary, c, reply, what, quoted(reply, 8));
    }

    /** A reply refused at its first byte, before a whole header has arrived. */
    private void refusedAtOnce(TestCommand c, String reply) {
        rejects(binary, c, reply, "magic 0x81", quoted(reply, 1));
    }

    private static TestCommand get(int opaque) {
        return TestCommand.of(Op.GET, "k").opaque(opaque);
    }

    @Test
    void wrongMagicOrDataType() {
        refusedAtOnce(get(1), packet(0x80, 0x0c, 0, 1, 0, ints(0), "k", NONE));
        refusedAtOnce(get(1), "VALUE k 0 1\r\nx\r\nEND\r\n");
        refusedAtOnce(get(1), "ERROR\r\n");
        refusedAtOnce(TestCommand.multi(Op.GET_MULTI, true, "a").opaque(1), "END\r\n");
        refusedAtOnce(TestCommand.plain(Op.STATS).opaque(1), "ERROR\r\n");
        String typed = hit(0x0c, 1, 0, 0, "k", "v");
        byte[] b = BinaryFrames.bytes(typed);
        b[5] = 1;
        refused(get(1), new String(b, java.nio.charset.StandardCharsets.ISO_8859_1), "unknown data type");
    }

    @Test
    void wrongOpaqueOrOpcode() {
        refused(get(5), hit(0x0c, 6, 0, 0, "k", "v"), "reply opaque 6 does not match request opaque 5 of GET 'k'");
        refused(get(5), hit(0x00, 5, 0, 0, "", "v"), "reply opcode 0x0 does not match request opcode 0xc");
        refused(TestCommand.of(Op.SET, "k").value("v").opaque(5), ok(0x02, 5, 0), "does not match request opcode 0x1");
        refused(TestCommand.of(Op.DELETE, "k").opaque(5), ok(0x04, 0, 0), "opaque 0 does not match");
    }

    @Test
    void anotherKeyThanRequested() {
        refused(get(1), hit(0x0c, 1, 0, 0, "x", "v"), "reply for another key than the requested 'k'");
        refused(get(1), response(0x0c, 1, 1, 0, NONE, "kk", NONE), "another key");
    }

    @Test
    void lengthsAreCheckedFromTheHeaderAlone() {
        String overMax = headerOnly(0x0c, 0, 1, 4, 1, 4 + 1 + 1001);
        refused(get(1), overMax, "a body of at most 1000");
        refused(get(1), headerOnly(0x0c, 0, 1, 0, 1, 2), "expected 4 bytes of extras");
        refused(get(1), headerOnly(0x0c, 0, 1, 4, 251, 300), "a key of at most 250 bytes");
        refused(get(1), headerOnly(0x0c, 0, 1, 4, 10, 5), "key and extras are longer than its body");
        refused(get(1), headerOnly(0x0c, 1, 1, 0, 0, BinaryDialect.MAX_TEXT + 1), "a body of at most 8192");
        refused(get(1), headerOnly(0x0c, 0, 1, 4, 1, 0xffffffffL), "a body of at most 1000");
        refused(TestCommand.of(Op.SET, "k").value("v").opaque(1), headerOnly(0x01, 0, 1, 0, 0, 1), "at most 0");
        refused(
                TestCommand.of(Op.SET, "k").value("v").opaque(1),
                headerOnly(0x01, 2, 1, 0, 1, 5),
                "a key of at most 0");
        refused(TestCommand.of(Op.TOUCH, "k").opaque(1), headerOnly(0x1c, 0, 1, 0, 0, 0), "expected 4 bytes of extras");
        refused(TestCommand.of(Op.INCR, "k").delta(1).opaque(1), headerOnly(0x05, 0, 1, 0, 0, 4), "8-byte number");
        refused(TestCommand.plain(Op.VERSION).opaque(1), headerOnly(0x0b, 0, 1, 0, 0, 9000), "at most 8192");
        refused(TestCommand.plain(Op.STATS).opaque(1), headerOnly(0x10, 0, 1, 0, 4, 17 * 1024 * 1024), "larger than");
        refused(TestCommand.plain(Op.STATS).opaque(1), headerOnly(0x10, 0, 1, 4, 0, 4), "with extras");
    }

    /** A reply header whose body never comes: the header alone must be refused. */
    private static String headerOnly(int opcode, int status, int opaque, int extLen, int keyLen, long bodyLen) {
        ByteBuffer b = ByteBuffer.allocate(24);
        b.put((byte) 0x81)
                .put((byte) opcode)
                .putShort((short) keyLen)
                .put((byte) extLen)
                .put((byte) 0)
                .putShort((short) status)
                .putInt((int) bodyLen)
                .putInt(opaque)
                .putLong(0);
        return new String(b.array(), java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    @Test
    void statusesTheCommandCannotHave() {
        refused(get(1), failure(0x0c, 2, 1, "Data exists for key."), "unexpected status 0x2 in reply to GET 'k'");
        refused(get(1), failure(0x0c, 6, 1, "Non-numeric"), "unexpected status 0x6");
        refused(TestCommand.plain(Op.VERSION).opaque(1), failure(0x0b, 1, 1, "Not found"), "unexpected status 0x1");
        refused(
                TestCommand.of(Op.SET, "k").value("v").opaque(1),
                failure(0x01, 0x99, 1, "?"),
                "unexpected status 0x99");
        refused(
                TestCommand.of(Op.SET, "k").value("v").opaque(1),
                failure(0x01, 0x81, 1, "Unknown command"),
                "server did not understand SET 'k'");
    }

    @Test
    void statsMustEndProperly() {
        String twoWithError = response(0x10, 0, 1, 0, NONE, "pid", BinaryFrames.bytes("1"));
        rejects(
                binary,
                TestCommand.plain(Op.STATS).opaque(1),
                twoWithError + failure(0x10, 0x82, 1, "Out of memory"),
                "unexpected status 0x82 in stats reply",
                quoted(failure(0x10, 0x82, 1, "x"), 4));
        rejects(
                binary,
                TestCommand.plain(Op.STATS).opaque(1),
                response(0x10, 0, 1, 0, NONE, "", BinaryFrames.bytes("v")),
                "a value and no name",
                "\\x81");
    }

    @Test
    void multiGetRepliesMustBeInOrderAndForItsKeys() {
        TestCommand mg = TestCommand.multi(Op.GET_MULTI, true, "a", "b", "c").opaque(10);
        String second = hit(0x0d, 11, 0, 0, "b", "B");
        rejects(
                binary,
                mg,
                second + hit(0x0d, 10, 0, 0, "a", "A") + ok(0x0a, 13, 0),
                "out of order",
                quoted(hit(0x0d, 10, 0, 0, "a", "A"), 8));
        refused(mg, hit(0x0d, 13, 0, 0, "c", "C"), "not one of the pending");
        refused(mg, hit(0x0d, 11, 0, 0, "c", "C"), "another key than the requested 'b'");
        refused(mg, ok(0x0a, 12, 0), "does not end the pending multi-get");
        refused(mg, ok(0x0c, 10, 0), "unexpected reply opcode 0xc in a multi-get");
        refused(mg, failure(0x0d, 0x82, 10, "Out of memory"), "inside a quiet multi-get of 3 keys");
        refused(mg, response(0x0a, 0, 13, 0, NONE, "", BinaryFrames.bytes("x")), "noop reply with");
    }
}
