package io.memcached2;

import io.memcached2.internal.transcode.BytesTranscoder;
import io.memcached2.internal.transcode.CompressingTranscoder;
import io.memcached2.internal.transcode.JavaSerializationTranscoder;
import io.memcached2.internal.transcode.LongTranscoder;
import io.memcached2.internal.transcode.PythonMemcacheTranscoder;
import io.memcached2.internal.transcode.SpymemcachedTranscoder;
import io.memcached2.internal.transcode.StringTranscoder;
import io.memcached2.transcode.ClassNotAllowed;
import io.memcached2.transcode.Compression;
import io.memcached2.transcode.InflateLimitExceeded;
import io.memcached2.transcode.SerialAllowList;
import io.memcached2.transcode.Transcoder;
import io.memcached2.transcode.UndecodableValue;
import java.util.Objects;

/**
 * The built-in transcoders. Every compressed value is inflated within a limit ({@link Compression}), and no
 * transcoder deserializes a class or unpickles a value the user has not allowed.
 */
public final class Transcoders {
    private Transcoders() {}

    /** @return UTF-8 strings, flags 0 (the default) */
    public static Transcoder<String> strings() {
        return StringTranscoder.INSTANCE;
    }

    /** @return raw bytes, flags 0; the array is copied neither on store nor on read */
    public static Transcoder<byte[]> bytes() {
        return BytesTranscoder.INSTANCE;
    }

    /**
     * Longs as memcached counters: unsigned 64-bit decimal text, so the server's incr and decr work on them. A
     * negative long stands for a counter of 2^63 or more ({@code -1} is 2^64 - 1), as incr and decr return it.
     *
     * @return longs as counters, flags 0
     */
    public static Transcoder<Long> longs() {
        return LongTranscoder.INSTANCE;
    }

    /**
     * @param inner the transcoder whose output to compress
     * @param <V> the value type
     * @return inner, zlib-compressing values of 16 KiB or more and inflating at most 64 MiB, as
     *     {@link #compressed(Transcoder, Compression)} describes
     * @throws IllegalArgumentException if inner declares that it uses flag bit 3
     */
    public static <V> Transcoder<V> compressed(Transcoder<V> inner) {
        return new CompressingTranscoder<>(inner, Compression.defaults());
    }

    /**
     * Wraps a transcoder and zlib-compresses what it encodes when the bytes reach the threshold and compressing
     * makes them smaller. A compressed value is marked with flag bit 3 (value 8), the bit python-memcached uses for
     * its zlib-compressed values; decoding inflates it within the limit ({@link InflateLimitExceeded} past it) and
     * hands the inner transcoder the flags without that bit. Decoding also accepts gzip.
     *
     * @param inner the transcoder whose output to compress
     * @param compression the threshold and the inflate limit
     * @param <V> the value type
     * @return inner, zlib-compressing as compression says (flag bit 3)
     * @throws IllegalArgumentException if inner declares (in {@link Transcoder#flagsUsed()}) that it uses flag bit 3
     */
    public static <V> Transcoder<V> compressed(Transcoder<V> inner, Compression compression) {
        return new CompressingTranscoder<>(inner, compression);
    }

    /**
     * Java serialization, off unless asked for this way. Deserializing bytes someone else can write is a known
     * remote-code-execution risk: read {@link SerialAllowList} before choosing the classes to allow. Decoding a
     * class outside the list throws {@link ClassNotAllowed}; decoding without flag bit 0 throws
     * {@link UndecodableValue}.
     *
     * @param allowList the only classes decoding may instantiate
     * @return serializable values, marked with flag bit 0 (value 1, the bit spymemcached and xmemcached use for
     *     serialized objects)
     */
    public static Transcoder<Object> javaSerialization(SerialAllowList allowList) {
        return new JavaSerializationTranscoder(allowList);
    }

    /**
     * @return python-memcached's format, as {@link #pythonMemcache(Compression)} describes, zlib-compressing values
     *     of 16 KiB or more and inflating at most 64 MiB
     */
    public static Transcoder<Object> pythonMemcache() {
        return new PythonMemcacheTranscoder(Compression.defaults());
    }

    /**
     * The value format of python-memcached (Debian's {@code python3-memcache}, {@code memcache.py}), so Java and
     * Python processes share items. Flags:
     * <table>
     *   <caption>python-memcached flags</caption>
     *   <tr><th>flag</th><th>python</th><th>Java, encode</th><th>Java, decode</th></tr>
     *   <tr><td>0</td><td>bytes</td><td>{@code byte[]}</td><td>{@code byte[]}</td></tr>
     *   <tr><td>16 ({@code _FLAG_TEXT})</td><td>str, UTF-8</td><td>{@code String}</td><td>{@code String}</td></tr>
     *   <tr><td>2 ({@code _FLAG_INTEGER})</td><td>int, decimal</td><td>{@code Byte}, {@code Short},
     *       {@code Integer}, {@code Long}, {@code BigInteger} (up to 4300 digits, python's limit)</td>
     *       <td>{@code Long}, or {@code BigInteger} when it does not fit</td></tr>
     *   <tr><td>4 ({@code _FLAG_LONG})</td><td>python 2 long, decimal</td><td>never written</td>
     *       <td>as flag 2</td></tr>
     *   <tr><td>1 ({@code _FLAG_PICKLE})</td><td>anything else, pickled</td><td>refused</td><td>refused</td></tr>
     *   <tr><td>8 ({@code _FLAG_COMPRESSED})</td><td>zlib, added to the above</td><td colspan="2">as
     *       {@link Compression} says; integers are never compressed, as in python</td></tr>
     * </table>
     * Pickled values are never unpickled: unpickling runs code the bytes choose. Decoding one throws
     * {@link UndecodableValue}; encoding a type python would pickle ({@code Boolean}, {@code Double},
     * collections...) throws {@link IllegalArgumentException}. Python writes an {@code int} subclass such as
     * {@code bool} pickled, too.
     *
     * @param compression the threshold and the inflate limit
     * @return python-memcached's format (String, byte[] and integers; pickles refused)
     */
    public static Transcoder<Object> pythonMemcache(Compression compression) {
        return new PythonMemcacheTranscoder(compression);
    }

    /**
     * @return spymemcached's and xmemcached's format for their specially encoded types, as
     *     {@link #spymemcached(Compression)} describes, gzip-compressing values of 16 KiB or more and inflating at
     *     most 64 MiB
     */
    public static Transcoder<Object> spymemcached() {
        return spymemcached(Compression.defaults());
    }

    /**
     * The value format of spymemcached's {@code SerializingTranscoder} (2.12.3), which xmemcached's (2.4.8) copies
     * bit for bit, so Java processes on either client share items with this one. Flags:
     * <table>
     *   <caption>spymemcached / xmemcached flags</caption>
     *   <tr><th>flags</th><th>Java type</th><th>bytes</th></tr>
     *   <tr><td>0</td><td>{@code String}</td><td>UTF-8</td></tr>
     *   <tr><td>0x0100</td><td>{@code Boolean}</td><td>{@code '1'} or {@code '0'}</td></tr>
     *   <tr><td>0x0200</td><td>{@code Integer}</td><td rowspan="6">big-endian, leading zero bytes dropped (0 is
     *       empty); floats and doubles by their raw IEEE bits, dates as epoch milliseconds</td></tr>
     *   <tr><td>0x0300</td><td>{@code Long}</td></tr>
     *   <tr><td>0x0400</td><td>{@code java.util.Date} (a subclass is stored as a plain Date)</td></tr>
     *   <tr><td>0x0500</td><td>{@code Byte}</td></tr>
     *   <tr><td>0x0600</td><td>{@code Float}</td></tr>
     *   <tr><td>0x0700</td><td>{@code Double}</td></tr>
     *   <tr><td>0x0800</td><td>{@code byte[]}</td><td>as they are</td></tr>
     *   <tr><td>bit 0 (1)</td><td>anything else</td><td>Java serialization, only with
     *       {@link #spymemcached(SerialAllowList, Compression)}; refused here</td></tr>
     *   <tr><td>bit 1 (2)</td><td colspan="2">added when the bytes above are gzip-compressed</td></tr>
     * </table>
     * Compression is gzip, as both peers write by default; decoding also reads the zlib that xmemcached writes in its
     * {@code ZIP} mode. The peers compress values strictly longer than their threshold (16384 by default); this one
     * compresses those of at least {@link Compression#threshold()} bytes. Readers go by the flag, so the difference
     * is harmless.
     *
     * @param compression the threshold and the inflate limit
     * @return spymemcached's and xmemcached's format for their specially encoded types, serialized objects refused
     */
    public static Transcoder<Object> spymemcached(Compression compression) {
        return new SpymemcachedTranscoder(null, compression);
    }

    /**
     * @param allowList the classes serialized values may instantiate; see its warning
     * @param compression the threshold and the inflate limit
     * @return spymemcached's and xmemcached's format, as {@link #spymemcached(Compression)} describes, other objects
     *     through Java serialization (flag bit 0)
     */
    public static Transcoder<Object> spymemcached(SerialAllowList allowList, Compression compression) {
        return new SpymemcachedTranscoder(Objects.requireNonNull(allowList, "allowList"), compression);
    }
}
