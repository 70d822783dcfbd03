package io.memcached2.testkit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * memcached binary protocol packets, for scripting a {@link FakeServer} that a client speaks the binary protocol
 * to, and how the fake server names the binary requests it receives.
 *
 * <p>A binary request is recorded, and matched by rules, as the line {@code bin <opcode> <key> O<opaque>}: the
 * opcode as two lower-case hex digits, the key as ISO-8859-1 text (absent, with its space, when empty), the opaque
 * in decimal; for example {@code bin 0c user:1 O5} for a GETK and {@code bin 0a O7} for a NOOP.
 */
public final class BinaryPackets {
    /** The magic byte that starts every binary request. */
    public static final int REQUEST_MAGIC = 0x80;
    /** The magic byte that starts every binary response. */
    public static final int RESPONSE_MAGIC = 0x81;
    /** The length of a packet header. */
    public static final int HEADER = 24;

    private BinaryPackets() {}

    /**
     * Returns a response packet with data type 0 and these fields.
     *
     * @param opcode the opcode answered
     * @param status the status, 0 for success
     * @param opaque the opaque of the request
     * @param cas the CAS unique
     * @param extras the extras
     * @param key the key
     * @param value the value
     * @return the packet
     */
    public static byte[] response(
            int opcode, int status, int opaque, long cas, byte[] extras, byte[] key, byte[] value) {
        ByteBuffer b = ByteBuffer.allocate(HEADER + extras.length + key.length + value.length);
        b.put((byte) RESPONSE_MAGIC)
                .put((byte) opcode)
                .putShort((short) key.length)
                .put((byte) extras.length)
                .put((byte) 0)
                .putShort((short) status)
                .putInt(extras.length + key.length + value.length)
                .putInt(opaque)
                .putLong(cas)
                .put(extras)
                .put(key)
                .put(value);
        return b.array();
    }

    /**
     * Returns a success response without extras, key or value (stores, deletes, NOOP).
     *
     * @param opcode the opcode answered
     * @param opaque the opaque of the request
     * @return the packet
     */
    public static byte[] ok(int opcode, int opaque) {
        return response(opcode, 0, opaque, 0, new byte[0], new byte[0], new byte[0]);
    }

    /**
     * Returns a GETK, GATK or GETKQ hit: 4-byte flags, the key, the value.
     *
     * @param opcode the opcode answered
     * @param opaque the opaque of the request
     * @param cas the CAS unique
     * @param flags the client flags
     * @param key the key, as ISO-8859-1
     * @param value the value
     * @return the packet
     */
    public static byte[] hit(int opcode, int opaque, long cas, int flags, String key, byte[] value) {
        return response(
                opcode,
                0,
                opaque,
                cas,
                ByteBuffer.allocate(4).putInt(flags).array(),
                key.getBytes(StandardCharsets.ISO_8859_1),
                value);
    }

    /** Returns the line a request packet is recorded as (see the class comment). */
    static String line(byte[] header, byte[] body) {
        ByteBuffer h = ByteBuffer.wrap(header);
        int keyLen = h.getShort(2) & 0xffff;
        int extLen = h.get(4) & 0xff;
        String key =
                body.length >= extLen + keyLen ? new String(body, extLen, keyLen, StandardCharsets.ISO_8859_1) : "";
        return "bin " + String.format("%02x", h.get(1) & 0xff) + (key.isEmpty() ? "" : " " + key) + " O"
                + Integer.toUnsignedString(h.getInt(12));
    }

    /** Returns the opaque of a recorded request line. */
    static int opaque(String line) {
        return Integer.parseUnsignedInt(line.substring(line.lastIndexOf(" O") + 2));
    }
}
