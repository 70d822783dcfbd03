package io.memcached2.internal.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * The binary packets a new connection exchanges before it carries requests: the hello (a NOOP, which memcached -S
 * answers "auth error" before authentication), SASL_LIST_MECHS and SASL_AUTH with the PLAIN mechanism, and their
 * replies. They carry opaque 0, which no request uses.
 */
public final class BinaryGreeting {
    /** Opcode of the hello's reply. */
    public static final int NOOP = BinaryDialect.NOOP;
    /** Opcode of the mechanism list's reply. */
    public static final int SASL_LIST_MECHS = BinaryDialect.SASL_LIST_MECHS;
    /** Opcode of the authentication's reply. */
    public static final int SASL_AUTH = BinaryDialect.SASL_AUTH;
    /** Status: success. */
    public static final int SUCCESS = BinaryDialect.SUCCESS;
    /** Status: not authenticated, or credentials refused. */
    public static final int AUTH_ERROR = BinaryDialect.AUTH_ERROR;
    /** Status: the server does not know the command (memcached without -S, for SASL commands). */
    public static final int UNKNOWN_COMMAND = BinaryDialect.UNKNOWN_COMMAND;

    private static final byte[] PLAIN = {'P', 'L', 'A', 'I', 'N'};

    /** A reply: its opcode, status and body as text. */
    public record Reply(int opcode, int status, String text) {}

    private BinaryGreeting() {}

    /** @return the hello: a NOOP */
    public static ByteBuf hello() {
        return packet(BinaryDialect.NOOP, null, null);
    }

    /** @return a SASL_LIST_MECHS request */
    public static ByteBuf listMechanisms() {
        return packet(BinaryDialect.SASL_LIST_MECHS, null, null);
    }

    /**
     * @param userSpacePassword the configured credentials as "user password" (the user has no space)
     * @return a SASL_AUTH request for PLAIN: mechanism as key, "\0user\0password" as value
     */
    public static ByteBuf plainAuth(byte[] userSpacePassword) {
        byte[] value = new byte[userSpacePassword.length + 1];
        System.arraycopy(userSpacePassword, 0, value, 1, userSpacePassword.length);
        for (int i = 1; i < value.length; i++) {
            if (value[i] == ' ') {
                value[i] = 0;
                break;
            }
        }
        return packet(BinaryDialect.SASL_AUTH, PLAIN, value);
    }

    /** @return whether the space-separated mechanism list names PLAIN */
    public static boolean offersPlain(String mechanisms) {
        for (String m : mechanisms.split(" ")) {
            if (m.equals("PLAIN")) {
                return true;
            }
        }
        return false;
    }

    private static ByteBuf packet(byte opcode, byte[] key, byte[] value) {
        int keyLen = key == null ? 0 : key.length;
        int valueLen = value == null ? 0 : value.length;
        ByteBuf out = Unpooled.buffer(BinaryDialect.HEADER + keyLen + valueLen);
        out.writeByte(BinaryDialect.REQUEST);
        out.writeByte(opcode);
        out.writeShort(keyLen);
        out.writeByte(0);
        out.writeByte(0);
        out.writeShort(0);
        out.writeInt(keyLen + valueLen);
        out.writeInt(0);
        out.writeLong(0);
        if (key != null) {
            out.writeBytes(key);
        }
        if (value != null) {
            out.writeBytes(value);
        }
        return out;
    }

    /**
     * Reads one greeting reply.
     *
     * @return the reply, consumed; or null when it is not complete yet
     * @throws io.memcached2.ProtocolError if the bytes are not a binary reply to a greeting: another magic (the
     *     server does not speak the binary protocol), a non-zero opaque, extras, a key, or a body over
     *     {@link BinaryDialect#MAX_TEXT} bytes
     */
    public static Reply decode(ByteBuf in) {
        int at = in.readerIndex();
        if (in.readableBytes() < 1) {
            return null;
        }
        if (in.getByte(at) != BinaryDialect.RESPONSE) {
            throw Wire.error(
                    "the server does not speak the binary protocol (its reply does not start with the magic"
                            + " byte 0x81)",
                    in,
                    at,
                    in.readableBytes());
        }
        if (in.readableBytes() < BinaryDialect.HEADER) {
            return null;
        }
        long bodyLen = in.getUnsignedInt(at + 8);
        if (in.getInt(at + 12) != 0
                || in.getShort(at + 2) != 0
                || in.getByte(at + 4) != 0
                || in.getByte(at + 5) != 0
                || bodyLen > BinaryDialect.MAX_TEXT) {
            throw Wire.error("unexpected binary reply while connecting", in, at, in.readableBytes());
        }
        if (in.readableBytes() < BinaryDialect.HEADER + bodyLen) {
            return null;
        }
        Reply reply = new Reply(
                in.getUnsignedByte(at + 1),
                in.getUnsignedShort(at + 6),
                Wire.text(in, at + BinaryDialect.HEADER, at + BinaryDialect.HEADER + (int) bodyLen));
        in.readerIndex(at + BinaryDialect.HEADER + (int) bodyLen);
        return reply;
    }
}
