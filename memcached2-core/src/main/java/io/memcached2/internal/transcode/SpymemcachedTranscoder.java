package io.memcached2.internal.transcode;

import io.memcached2.transcode.ClassNotAllowed;
import io.memcached2.transcode.Compression;
import io.memcached2.transcode.Encoded;
import io.memcached2.transcode.InflateLimitExceeded;
import io.memcached2.transcode.SerialAllowList;
import io.memcached2.transcode.Transcoder;
import io.memcached2.transcode.UndecodableValue;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Objects;

/**
 * The value format of spymemcached's {@code SerializingTranscoder} (2.12.3), which xmemcached's (2.4.8) copies
 * bit for bit; the flags table is in {@link io.memcached2.Transcoders#spymemcached(Compression)}.
 */
public final class SpymemcachedTranscoder implements Transcoder<Object> {
    /** Bit 0: the bytes are a serialized Java object. */
    public static final int FLAG_SERIALIZED = 1;
    /** Bit 1: the bytes are gzip-compressed. */
    public static final int FLAG_COMPRESSED = 2;
    /** The second byte of the flags holds the type of a specially encoded value. */
    public static final int TYPE_MASK = 0xff00;

    static final int TYPE_BOOLEAN = 1 << 8;
    static final int TYPE_INT = 2 << 8;
    static final int TYPE_LONG = 3 << 8;
    static final int TYPE_DATE = 4 << 8;
    static final int TYPE_BYTE = 5 << 8;
    static final int TYPE_FLOAT = 6 << 8;
    static final int TYPE_DOUBLE = 7 << 8;
    static final int TYPE_BYTE_ARRAY = 8 << 8;

    private final SerialAllowList allowList;
    private final ValueCompressor compressor;

    /**
     * @param allowList the classes serialized values may instantiate, or null to refuse serialized values both ways
     * @param compression when to compress and how far to inflate
     */
    public SpymemcachedTranscoder(SerialAllowList allowList, Compression compression) {
        this.allowList = allowList;
        this.compressor = new ValueCompressor(CompressionFormat.GZIP, Objects.requireNonNull(compression));
    }

    /** @throws IllegalArgumentException for a value that needs serialization when it is off, or is not serializable */
    @Override
    public Encoded encode(Object value) {
        Encoded plain = plain(value);
        byte[] compressed = compressor.compressIfSmaller(plain.data());
        return compressed == null ? plain : new Encoded(plain.flags() | FLAG_COMPRESSED, compressed);
    }

    /**
     * @throws UndecodableValue for an unknown type, bytes that do not fit their type, or a serialized value when
     *     serialization is off
     * @throws ClassNotAllowed if a serialized value names a class outside the allow-list
     * @throws InflateLimitExceeded if the value would inflate past the limit
     */
    @Override
    public Object decode(int flags, byte[] data) {
        byte[] body = (flags & FLAG_COMPRESSED) != 0 ? compressor.inflate(data) : data;
        // The peers test the serialized bit before the type byte; so does this.
        if ((flags & FLAG_SERIALIZED) != 0) {
            if (allowList == null) {
                throw new UndecodableValue("value is a serialized Java object (flags 0x" + Integer.toHexString(flags)
                        + ") and Java serialization is off; give this transcoder a SerialAllowList to read it");
            }
            return JavaSerialization.deserialize(body, allowList);
        }
        return switch (flags & TYPE_MASK) {
            case 0 -> new String(body, StandardCharsets.UTF_8);
            case TYPE_BOOLEAN -> decodeBoolean(body);
            case TYPE_INT -> (int) PackedNumbers.decode(body, 4, "int");
            case TYPE_LONG -> PackedNumbers.decode(body, 8, "long");
            case TYPE_DATE -> new Date(PackedNumbers.decode(body, 8, "date"));
            case TYPE_BYTE -> (byte) PackedNumbers.decode(body, 1, "byte");
            case TYPE_FLOAT -> Float.intBitsToFloat((int) PackedNumbers.decode(body, 4, "float"));
            case TYPE_DOUBLE -> Double.longBitsToDouble(PackedNumbers.decode(body, 8, "double"));
            case TYPE_BYTE_ARRAY -> body;
            default ->
                throw new UndecodableValue("unknown spymemcached value type 0x"
                        + Integer.toHexString((flags & TYPE_MASK) >>> 8) + " in flags 0x" + Integer.toHexString(flags));
        };
    }

    @Override
    public int flagsUsed() {
        return FLAG_SERIALIZED | FLAG_COMPRESSED | TYPE_MASK;
    }

    private Encoded plain(Object value) {
        if (value instanceof String text) {
            return new Encoded(0, text.getBytes(StandardCharsets.UTF_8));
        } else if (value instanceof Long number) {
            return new Encoded(TYPE_LONG, PackedNumbers.encode(number, 8));
        } else if (value instanceof Integer number) {
            return new Encoded(TYPE_INT, PackedNumbers.encode(number, 4));
        } else if (value instanceof Boolean bool) {
            return new Encoded(TYPE_BOOLEAN, new byte[] {(byte) (bool ? '1' : '0')});
        } else if (value instanceof Date date) {
            return new Encoded(TYPE_DATE, PackedNumbers.encode(date.getTime(), 8));
        } else if (value instanceof Byte number) {
            return new Encoded(TYPE_BYTE, new byte[] {number});
        } else if (value instanceof Float number) {
            return new Encoded(TYPE_FLOAT, PackedNumbers.encode(Float.floatToRawIntBits(number), 4));
        } else if (value instanceof Double number) {
            return new Encoded(TYPE_DOUBLE, PackedNumbers.encode(Double.doubleToRawLongBits(number), 8));
        } else if (value instanceof byte[] bytes) {
            return new Encoded(TYPE_BYTE_ARRAY, bytes);
        }
        if (allowList == null) {
            throw new IllegalArgumentException("a " + value.getClass().getName() + " needs Java serialization, which"
                    + " is off; give this transcoder a SerialAllowList");
        }
        return new Encoded(FLAG_SERIALIZED, JavaSerialization.serialize(value));
    }

    private static Boolean decodeBoolean(byte[] body) {
        if (body.length != 1) {
            throw new UndecodableValue("a boolean is 1 byte, not " + body.length);
        }
        return body[0] == '1';
    }
}
