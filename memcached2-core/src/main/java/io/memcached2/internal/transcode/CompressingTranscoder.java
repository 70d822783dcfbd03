package io.memcached2.internal.transcode;

import io.memcached2.transcode.Compression;
import io.memcached2.transcode.Encoded;
import io.memcached2.transcode.InflateLimitExceeded;
import io.memcached2.transcode.Transcoder;
import java.util.Objects;

/**
 * Wraps another transcoder and zlib-compresses what it encodes when the bytes reach the threshold of a
 * {@link Compression} and compressing makes them smaller. A compressed value is marked with flag bit 3
 * ({@link #FLAG_COMPRESSED}, value 8), the bit python-memcached uses for its zlib-compressed values; decoding inflates
 * it within the configured limit and hands the inner transcoder the flags without that bit.
 *
 * <p>zlib rather than gzip: its framing is 6 bytes instead of 18 and it is the format python-memcached and pylibmc
 * inflate. Decoding also accepts gzip.
 *
 * @param <V> the value type
 */
public final class CompressingTranscoder<V> implements Transcoder<V> {
    /** The flag marking a compressed value: bit 3. */
    public static final int FLAG_COMPRESSED = 1 << 3;

    private final Transcoder<V> inner;
    private final ValueCompressor compressor;

    /**
     * @param inner the transcoder whose output is compressed
     * @param compression when to compress and how far to inflate
     * @throws IllegalArgumentException if inner declares (in {@link Transcoder#flagsUsed()}) that it uses flag bit 3
     */
    public CompressingTranscoder(Transcoder<V> inner, Compression compression) {
        this.inner = Objects.requireNonNull(inner, "inner");
        if ((inner.flagsUsed() & FLAG_COMPRESSED) != 0) {
            throw new IllegalArgumentException("cannot compress "
                    + inner.getClass().getName() + ": it uses flag bit 3 (value 8), which marks compressed values");
        }
        this.compressor = new ValueCompressor(CompressionFormat.ZLIB, compression);
    }

    /** @throws IllegalStateException if the inner transcoder set flag bit 3 itself */
    @Override
    public Encoded encode(V value) {
        Encoded plain = inner.encode(value);
        if ((plain.flags() & FLAG_COMPRESSED) != 0) {
            throw new IllegalStateException(inner.getClass().getName() + " set flag bit 3 (value 8), which marks"
                    + " compressed values; it cannot be wrapped in compression");
        }
        byte[] compressed = compressor.compressIfSmaller(plain.data());
        return compressed == null ? plain : new Encoded(plain.flags() | FLAG_COMPRESSED, compressed);
    }

    /** @throws InflateLimitExceeded if the value would inflate past the limit */
    @Override
    public V decode(int flags, byte[] data) {
        if ((flags & FLAG_COMPRESSED) == 0) {
            return inner.decode(flags, data);
        }
        return inner.decode(flags & ~FLAG_COMPRESSED, compressor.inflate(data));
    }

    @Override
    public int flagsUsed() {
        return inner.flagsUsed() | FLAG_COMPRESSED;
    }
}
