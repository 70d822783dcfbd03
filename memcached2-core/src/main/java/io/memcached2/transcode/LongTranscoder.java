package io.memcached2.transcode;

import java.nio.charset.StandardCharsets;

/**
 * Longs as decimal ASCII text, so the server's incr and decr work on them. Decoding trims the trailing spaces
 * memcached leaves after a decr shortens a number.
 */
public final class LongTranscoder implements Transcoder<Long> {
    /** The shared instance. */
    public static final LongTranscoder INSTANCE = new LongTranscoder();

    private LongTranscoder() {
    }

    @Override
    public Encoded encode(Long value) {
        return new Encoded(0, Long.toString(value).getBytes(StandardCharsets.US_ASCII));
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
                throw new IllegalStateException("stored value is not a decimal number: '"
                        + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "'", e2);
            }
        }
    }
}
