package io.memcached2.internal.transcode;

import io.memcached2.transcode.Encoded;
import io.memcached2.transcode.Transcoder;
import java.nio.charset.StandardCharsets;

/**
 * Longs as memcached counters: 64-bit unsigned decimal ASCII text, so the server's incr and decr work on them. A
 * negative long stands for a counter of 2^63 or more ({@code -1} is 2^64 - 1), exactly as incr and decr return it,
 * so every value read back and written again is the same counter. Decoding trims the trailing spaces memcached
 * leaves after a decr shortens a number, and still reads the signed text ({@code -5}) earlier versions wrote for
 * negative longs.
 */
public final class LongTranscoder implements Transcoder<Long> {
    /** The shared instance. */
    public static final LongTranscoder INSTANCE = new LongTranscoder();

    private LongTranscoder() {}

    @Override
    public Encoded encode(Long value) {
        return new Encoded(0, Long.toUnsignedString(value).getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public Long decode(int flags, byte[] data) {
        String text = new String(data, StandardCharsets.US_ASCII).trim();
        try {
            return Long.parseUnsignedLong(text);
        } catch (NumberFormatException e) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e2) {
                throw new IllegalStateException(
                        "stored value is not a decimal number: '"
                                + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "'",
                        e2);
            }
        }
    }
}
