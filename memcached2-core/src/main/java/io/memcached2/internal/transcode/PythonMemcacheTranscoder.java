package io.memcached2.internal.transcode;

import io.memcached2.transcode.Compression;
import io.memcached2.transcode.Encoded;
import io.memcached2.transcode.InflateLimitExceeded;
import io.memcached2.transcode.Transcoder;
import io.memcached2.transcode.UndecodableValue;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The value format of python-memcached (Debian's {@code python3-memcache}, {@code memcache.py}); the flags table is
 * in {@link io.memcached2.Transcoders#pythonMemcache(Compression)}. Pickled values are never unpickled: unpickling
 * runs code the bytes choose.
 */
public final class PythonMemcacheTranscoder implements Transcoder<Object> {
    /** python-memcached's {@code _FLAG_PICKLE}. */
    public static final int FLAG_PICKLE = 1;
    /** python-memcached's {@code _FLAG_INTEGER}. */
    public static final int FLAG_INTEGER = 1 << 1;
    /** python-memcached's {@code _FLAG_LONG}. */
    public static final int FLAG_LONG = 1 << 2;
    /** python-memcached's {@code _FLAG_COMPRESSED}. */
    public static final int FLAG_COMPRESSED = 1 << 3;
    /** python-memcached's {@code _FLAG_TEXT}. */
    public static final int FLAG_TEXT = 1 << 4;

    /**
     * The most digits python (3.11, and 3.10.7 on) converts between int and str by default; it fails on longer
     * ones, and parsing them costs time quadratic in their length.
     */
    static final int MAX_DIGITS = 4300;

    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private final ValueCompressor compressor;

    /** @param compression when to zlib-compress text and bytes, and how far to inflate */
    public PythonMemcacheTranscoder(Compression compression) {
        this.compressor = new ValueCompressor(CompressionFormat.ZLIB, Objects.requireNonNull(compression));
    }

    /** @throws IllegalArgumentException for a type python-memcached would pickle */
    @Override
    public Encoded encode(Object value) {
        if (value instanceof byte[] bytes) {
            return compressible(0, bytes);
        }
        if (value instanceof String text) {
            return compressible(FLAG_TEXT, text.getBytes(StandardCharsets.UTF_8));
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return new Encoded(FLAG_INTEGER, value.toString().getBytes(StandardCharsets.US_ASCII));
        }
        if (value instanceof BigInteger big) {
            String digits = big.toString();
            if (digits.length() - (big.signum() < 0 ? 1 : 0) > MAX_DIGITS) {
                throw new IllegalArgumentException("an integer of " + digits.length()
                        + " characters is longer than the " + MAX_DIGITS + " digits python reads");
            }
            return new Encoded(FLAG_INTEGER, digits.getBytes(StandardCharsets.US_ASCII));
        }
        throw new IllegalArgumentException(
                "python-memcached would pickle a " + value.getClass().getName()
                        + ", and pickles are not supported; store a String, byte[], or an integer type");
    }

    /**
     * @throws UndecodableValue for a pickled value, unknown flags, or bytes that do not match their flags
     * @throws InflateLimitExceeded if the value would inflate past the limit
     */
    @Override
    public Object decode(int flags, byte[] data) {
        byte[] body = data;
        int kind = flags;
        if ((flags & FLAG_COMPRESSED) != 0) {
            body = compressor.inflate(data);
            kind &= ~FLAG_COMPRESSED;
        }
        // The order of these tests is python-memcached's, so values with several bits set read the same.
        if (kind == 0) {
            return body;
        }
        if ((kind & FLAG_TEXT) != 0) {
            return utf8(body);
        }
        if ((kind & (FLAG_INTEGER | FLAG_LONG)) != 0) {
            return integer(body);
        }
        if ((kind & FLAG_PICKLE) != 0) {
            throw new UndecodableValue("value is a python pickle (flags 0x" + Integer.toHexString(flags)
                    + "); pickles are never unpickled, as that runs code the stored bytes choose");
        }
        throw new UndecodableValue("unknown python-memcached flags 0x" + Integer.toHexString(flags));
    }

    @Override
    public int flagsUsed() {
        return FLAG_PICKLE | FLAG_INTEGER | FLAG_LONG | FLAG_COMPRESSED | FLAG_TEXT;
    }

    private Encoded compressible(int flags, byte[] data) {
        byte[] compressed = compressor.compressIfSmaller(data);
        return compressed == null ? new Encoded(flags, data) : new Encoded(flags | FLAG_COMPRESSED, compressed);
    }

    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new UndecodableValue("python text value is not valid UTF-8: " + e.getMessage(), e);
        }
    }

    private static Number integer(byte[] body) {
        // python's int() accepts surrounding whitespace, which memcached's decr can leave behind
        String text = new String(body, StandardCharsets.US_ASCII).strip();
        if (text.length() > MAX_DIGITS + 1) {
            throw new UndecodableValue("python integer value of " + text.length() + " characters is longer than the "
                    + MAX_DIGITS + " digits python itself reads");
        }
        BigInteger value;
        try {
            value = new BigInteger(text);
        } catch (NumberFormatException e) {
            throw new UndecodableValue(
                    "python integer value is not a decimal number: '"
                            + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "'",
                    e);
        }
        boolean fitsLong = value.compareTo(LONG_MIN) >= 0 && value.compareTo(LONG_MAX) <= 0;
        return fitsLong ? (Number) value.longValue() : value;
    }
}
