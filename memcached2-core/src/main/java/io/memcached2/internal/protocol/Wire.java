package io.memcached2.internal.protocol;

import io.memcached2.ProtocolError;
import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;
import io.netty.util.internal.PlatformDependent;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Byte-level helpers shared by both dialects: lines, numbers and error text, without building Strings. */
public final class Wire {
    /** Longest reply line accepted before a protocol error (a VALUE line with a 250-byte key is about 300). */
    static final int MAX_LINE = 8192;

    static final byte[] CRLF = {'\r', '\n'};

    /**
     * Whether Netty copies out of direct memory with sun.misc.Unsafe. From Java 24 on it does not by default, and a
     * direct buffer's {@code getBytes} then makes a new ByteBuffer duplicate, about 64 bytes, per value.
     */
    private static final boolean UNSAFE_COPIES = PlatformDependent.hasUnsafe();

    /** Without Unsafe, values up to this many bytes are copied with absolute reads rather than through a NIO view. */
    static final int SMALL_COPY_MAX = 128;

    private static final VarHandle BIG_ENDIAN_LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private Wire() {}

    /**
     * @return the index of the '\r' ending the line that starts at the reader index, or -1 if the line is not
     *     complete yet
     * @throws ProtocolError if the line is longer than {@link #MAX_LINE} or ends in a bare '\n'
     */
    static int lineEnd(ByteBuf in) {
        int start = in.readerIndex();
        int readable = in.readableBytes();
        int lf = in.forEachByte(start, Math.min(readable, MAX_LINE), ByteProcessor.FIND_LF);
        if (lf < 0) {
            if (readable >= MAX_LINE) {
                throw error("reply line longer than " + MAX_LINE + " bytes without CRLF", in, start, 64);
            }
            return -1;
        }
        if (lf == start || in.getByte(lf - 1) != '\r') {
            throw error("reply line ends in a bare LF", in, start, lf - start + 1);
        }
        return lf - 1;
    }

    /** @return whether the bytes at {@code at} equal the ASCII text */
    static boolean startsWith(ByteBuf in, int at, int end, String text) {
        int n = text.length();
        if (end - at < n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (in.getByte(at + i) != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** @return whether [at, end) is exactly the ASCII text */
    static boolean equals(ByteBuf in, int at, int end, String text) {
        return end - at == text.length() && startsWith(in, at, end, text);
    }

    /** @return the index of the next space in [from, end), or end */
    static int tokenEnd(ByteBuf in, int from, int end) {
        for (int i = from; i < end; i++) {
            if (in.getByte(i) == ' ') {
                return i;
            }
        }
        return end;
    }

    /**
     * Parses an unsigned decimal number of up to 64 bits in [from, to).
     *
     * @throws ProtocolError if it is empty, has a non-digit, or overflows 64 bits
     */
    static long parseUnsigned(ByteBuf in, int from, int to, int lineStart, int lineEnd) {
        if (from >= to || to - from > 20) {
            throw error("bad number in reply", in, lineStart, lineEnd - lineStart);
        }
        if (to - from <= 18) {
            // Up to 18 digits cannot overflow a long: no overflow checks on the common path.
            long v = 0;
            for (int i = from; i < to; i++) {
                int d = in.getByte(i) - '0';
                if (d < 0 || d > 9) {
                    throw error("bad number in reply", in, lineStart, lineEnd - lineStart);
                }
                v = v * 10 + d;
            }
            return v;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            int d = in.getByte(i) - '0';
            if (d < 0 || d > 9) {
                throw error("bad number in reply", in, lineStart, lineEnd - lineStart);
            }
            if (Long.compareUnsigned(v, 1844674407370955161L) > 0 || v == 1844674407370955161L && d > 5) {
                throw error("number overflows 64 bits in reply", in, lineStart, lineEnd - lineStart);
            }
            v = v * 10 + d;
        }
        return v;
    }

    /** Parses a number that must fit in a non-negative int (lengths), or fails. */
    static int parseLength(ByteBuf in, int from, int to, int lineStart, int lineEnd) {
        long v = parseUnsigned(in, from, to, lineStart, lineEnd);
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw error("length out of range in reply", in, lineStart, lineEnd - lineStart);
        }
        return (int) v;
    }

    /** Parses an unsigned 32-bit number (client flags) into an int holding the same bits. */
    static int parseFlags(ByteBuf in, int from, int to, int lineStart, int lineEnd) {
        long v = parseUnsigned(in, from, to, lineStart, lineEnd);
        if (v < 0 || v > 0xffffffffL) {
            throw error("client flags out of 32-bit range in reply", in, lineStart, lineEnd - lineStart);
        }
        return (int) v;
    }

    /** Parses a signed decimal int (TTLs, where -1 means never). */
    static int parseSignedInt(ByteBuf in, int from, int to, int lineStart, int lineEnd) {
        boolean negative = from < to && in.getByte(from) == '-';
        long v = parseUnsigned(in, negative ? from + 1 : from, to, lineStart, lineEnd);
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw error("number out of range in reply", in, lineStart, lineEnd - lineStart);
        }
        return negative ? (int) -v : (int) v;
    }

    /** Writes an unsigned 64-bit number in decimal without allocating. */
    static void writeUnsigned(ByteBuf out, long v) {
        if (v >= 0 && v < 10) {
            out.writeByte('0' + (int) v);
            return;
        }
        if (v < 0) {
            long q = (v >>> 1) / 5;
            writeUnsigned(out, q);
            out.writeByte('0' + (int) (v - q * 10));
            return;
        }
        int digits = 1;
        for (long p = 10; digits < 19 && v >= p; p *= 10) {
            digits++;
        }
        int at = out.writerIndex();
        out.ensureWritable(digits);
        for (int i = digits - 1; i >= 0; i--) {
            out.setByte(at + i, '0' + (int) (v % 10));
            v /= 10;
        }
        out.writerIndex(at + digits);
    }

    /** Writes a signed int in decimal without allocating. */
    static void writeInt(ByteBuf out, int v) {
        if (v < 0) {
            out.writeByte('-');
            writeUnsigned(out, -(long) v);
        } else {
            writeUnsigned(out, v);
        }
    }

    /**
     * Grows the buffer once for a whole store command, so that a large value is not copied again at every doubling
     * of the buffer.
     */
    static void reserveForStore(ByteBuf out, Command c) {
        out.ensureWritable(c.storeBytesBound());
    }

    /** @return a copy of [from, from + len): the one copy a value makes on its way to the caller */
    static byte[] copy(ByteBuf in, int from, int len) {
        return copy(in, from, len, UNSAFE_COPIES);
    }

    /** See {@link #copy(ByteBuf, int, int)}; {@code unsafeCopies} as {@link #UNSAFE_COPIES}, for tests. */
    static byte[] copy(ByteBuf in, int from, int len, boolean unsafeCopies) {
        byte[] b = new byte[len];
        if (unsafeCopies || !in.isDirect()) {
            in.getBytes(from, b);
        } else if (len <= SMALL_COPY_MAX) {
            // Absolute reads allocate nothing; a NIO view would be made for each new read buffer, about one per get.
            int i = 0;
            for (; i + Long.BYTES <= len; i += Long.BYTES) {
                BIG_ENDIAN_LONGS.set(b, i, in.getLong(from + i));
            }
            for (; i < len; i++) {
                b[i] = in.getByte(from + i);
            }
        } else if (in.nioBufferCount() == 1) {
            // The buffer's own NIO view is made once per buffer and reused for every value read from it.
            in.internalNioBuffer(from, len).get(b);
        } else {
            in.getBytes(from, b);
        }
        return b;
    }

    static void writeAscii(ByteBuf out, String s) {
        out.writeCharSequence(s, java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** @return the ASCII text in [from, to) (for rare replies: errors, versions, stats) */
    static String text(ByteBuf in, int from, int to) {
        return in.toString(from, to - from, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** @return a protocol error quoting (escaped, truncated) the bytes received */
    static ProtocolError error(String what, ByteBuf in, int from, int length) {
        return new ProtocolError(what + ": received '" + quote(in, from, length) + "'");
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** Appends {@code \xNN} for a byte or a char below 256, without String.format. */
    static void appendHex(StringBuilder sb, int b) {
        sb.append("\\x").append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
    }

    /** @return up to 100 bytes at {@code from}, with non-printable bytes escaped */
    public static String quote(ByteBuf in, int from, int length) {
        int n = Math.max(0, Math.min(length, Math.min(100, in.writerIndex() - from)));
        StringBuilder sb = new StringBuilder(n + 16);
        for (int i = 0; i < n; i++) {
            int b = in.getByte(from + i) & 0xff;
            if (b == '\r') {
                sb.append("\\r");
            } else if (b == '\n') {
                sb.append("\\n");
            } else if (b < 0x20 || b >= 0x7f) {
                appendHex(sb, b);
            } else if (b == '\\') {
                sb.append("\\\\");
            } else {
                sb.append((char) b);
            }
        }
        if (length > n) {
            sb.append("...(").append(length).append(" bytes)");
        }
        return sb.toString();
    }
}
