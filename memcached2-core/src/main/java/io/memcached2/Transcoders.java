package io.memcached2;

import io.memcached2.transcode.BytesTranscoder;
import io.memcached2.transcode.CompressingTranscoder;
import io.memcached2.transcode.Compression;
import io.memcached2.transcode.JavaSerializationTranscoder;
import io.memcached2.transcode.LongTranscoder;
import io.memcached2.transcode.PythonMemcacheTranscoder;
import io.memcached2.transcode.SerialAllowList;
import io.memcached2.transcode.SpymemcachedTranscoder;
import io.memcached2.transcode.StringTranscoder;
import io.memcached2.transcode.Transcoder;
import java.util.Objects;

/** The built-in transcoders. */
public final class Transcoders {
    private Transcoders() {
    }

    /** @return UTF-8 strings, flags 0 (the default) */
    public static Transcoder<String> strings() {
        return StringTranscoder.INSTANCE;
    }

    /** @return raw bytes, flags 0 */
    public static Transcoder<byte[]> bytes() {
        return BytesTranscoder.INSTANCE;
    }

    /** @return longs as unsigned 64-bit decimal text (negative: 2^63 or more), so incr and decr work on them */
    public static Transcoder<Long> longs() {
        return LongTranscoder.INSTANCE;
    }

    /**
     * @param inner the transcoder whose output to compress
     * @param <V> the value type
     * @return inner, zlib-compressing values of 16 KiB or more (flag bit 3) and inflating at most 64 MiB
     * @throws IllegalArgumentException if inner declares that it uses flag bit 3
     * @see CompressingTranscoder
     */
    public static <V> Transcoder<V> compressed(Transcoder<V> inner) {
        return new CompressingTranscoder<>(inner, Compression.defaults());
    }

    /**
     * @param inner the transcoder whose output to compress
     * @param compression the threshold and the inflate limit
     * @param <V> the value type
     * @return inner, zlib-compressing as compression says (flag bit 3)
     * @throws IllegalArgumentException if inner declares that it uses flag bit 3
     * @see CompressingTranscoder
     */
    public static <V> Transcoder<V> compressed(Transcoder<V> inner, Compression compression) {
        return new CompressingTranscoder<>(inner, compression);
    }

    /**
     * Java serialization, off unless asked for this way. Deserializing bytes someone else can write is a known
     * remote-code-execution risk: read {@link SerialAllowList} before choosing the classes to allow.
     *
     * @param allowList the only classes decoding may instantiate
     * @return serializable values, flag bit 0
     * @see JavaSerializationTranscoder
     */
    public static Transcoder<Object> javaSerialization(SerialAllowList allowList) {
        return new JavaSerializationTranscoder(allowList);
    }

    /**
     * @return python-memcached's format (String, byte[] and integers; pickles refused), zlib-compressing values of
     *     16 KiB or more and inflating at most 64 MiB
     * @see PythonMemcacheTranscoder
     */
    public static Transcoder<Object> pythonMemcache() {
        return new PythonMemcacheTranscoder(Compression.defaults());
    }

    /**
     * @param compression the threshold and the inflate limit
     * @return python-memcached's format (String, byte[] and integers; pickles refused)
     * @see PythonMemcacheTranscoder
     */
    public static Transcoder<Object> pythonMemcache(Compression compression) {
        return new PythonMemcacheTranscoder(compression);
    }

    /**
     * @return spymemcached's and xmemcached's format for their specially encoded types (String, Boolean, Integer,
     *     Long, Date, Byte, Float, Double, byte[]), serialized objects refused, gzip-compressing values of 16 KiB or
     *     more and inflating at most 64 MiB
     * @see SpymemcachedTranscoder
     */
    public static Transcoder<Object> spymemcached() {
        return spymemcached(Compression.defaults());
    }

    /**
     * @param compression the threshold and the inflate limit
     * @return spymemcached's and xmemcached's format for their specially encoded types, serialized objects refused
     * @see SpymemcachedTranscoder
     */
    public static Transcoder<Object> spymemcached(Compression compression) {
        return new SpymemcachedTranscoder(null, compression);
    }

    /**
     * @param allowList the classes serialized values may instantiate; see its warning
     * @param compression the threshold and the inflate limit
     * @return spymemcached's and xmemcached's format, other objects through Java serialization
     * @see SpymemcachedTranscoder
     */
    public static Transcoder<Object> spymemcached(SerialAllowList allowList, Compression compression) {
        return new SpymemcachedTranscoder(Objects.requireNonNull(allowList, "allowList"), compression);
    }
}
