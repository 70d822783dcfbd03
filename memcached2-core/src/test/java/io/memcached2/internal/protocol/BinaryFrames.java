package io.memcached2.internal.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Binary protocol packets for codec tests, as ISO-8859-1 strings (one char per byte) so that {@link Feed} and
 * {@link Rejects} take them as they take text replies.
 */
final class BinaryFrames {
    private BinaryFrames() {}

    /** @return a response packet: magic 0x81, data type 0, the given fields */
    static String response(int opcode, int status, int opaque, long cas, byte[] extras, String key, byte[] value) {
        return packet(0x81, opcode, status, opaque, cas, extras, key, value);
    }

    /** @return a request packet, as the encoder should write it */
    static String request(int opcode, int opaque, long cas, byte[] extras, String key, byte[] value) {
        return packet(0x80, opcode, 0, opaque, cas, extras, key, value);
    }

    static String packet(
            int magic, int opcode, int status, int opaque, long cas, byte[] extras, String key, byte[] value) {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(24 + extras.length + k.length + value.length);
        b.put((byte) magic)
                .put((byte) opcode)
                .putShort((short) k.length)
                .put((byte) extras.length)
                .put((byte) 0)
                .putShort((short) status)
                .putInt(extras.length + k.length + value.length)
                .putInt(opaque)
                .putLong(cas)
                .put(extras)
                .put(k)
                .put(value);
        return new String(b.array(), StandardCharsets.ISO_8859_1);
    }

    /** @return a success reply with no extras, key or value (stores, deletes, flush, noop) */
    static String ok(int opcode, int opaque, long cas) {
        return response(opcode, 0, opaque, cas, new byte[0], "", new byte[0]);
    }

    /** @return a failure reply with memcached's message */
    static String failure(int opcode, int status, int opaque, String message) {
        return response(opcode, status, opaque, 0, new byte[0], "", message.getBytes(StandardCharsets.US_ASCII));
    }

    /** @return a GETK/GATK/GETKQ hit */
    static String hit(int opcode, int opaque, long cas, int flags, String key, String value) {
        return response(opcode, 0, opaque, cas, ints(flags), key, value.getBytes(StandardCharsets.ISO_8859_1));
    }

    static byte[] ints(int... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4);
        for (int v : values) {
            b.putInt(v);
        }
        return b.array();
    }

    static byte[] longs(long... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8);
        for (long v : values) {
            b.putLong(v);
        }
        return b.array();
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** @return the first bytes of a packet as {@link Wire#quote} escapes them, for matching error messages */
    static String quoted(String packet, int length) {
        byte[] b = bytes(packet);
        return Wire.quote(io.netty.buffer.Unpooled.wrappedBuffer(b), 0, Math.min(length, b.length));
    }
}
