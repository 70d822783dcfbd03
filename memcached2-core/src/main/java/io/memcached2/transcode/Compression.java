package io.memcached2.transcode;

/**
 * When to compress a value and how far a stored value may inflate.
 *
 * @param threshold values whose encoded form is at least this many bytes are compressed, and kept compressed only
 *     when that makes them smaller
 * @param maxInflatedBytes the most bytes a compressed value may inflate to; larger ones are refused with
 *     {@link InflateLimitExceeded}, so a hostile value cannot exhaust memory
 */
public record Compression(int threshold, int maxInflatedBytes) {
    /** The default threshold: 16 KiB, as spymemcached and xmemcached use. */
    public static final int DEFAULT_THRESHOLD = 16 * 1024;

    /** The default inflate limit: 64 MiB. */
    public static final int DEFAULT_MAX_INFLATED_BYTES = 64 * 1024 * 1024;

    /**
     * @throws IllegalArgumentException if threshold is negative or maxInflatedBytes is not positive
     * @param threshold the size in bytes from which values are compressed
     * @param maxInflatedBytes the most bytes a compressed value may inflate to
     */
    public Compression {
        if (threshold < 0) {
            throw new IllegalArgumentException("compression threshold must be >= 0, was " + threshold);
        }
        if (maxInflatedBytes <= 0) {
            throw new IllegalArgumentException("maxInflatedBytes must be > 0, was " + maxInflatedBytes);
        }
    }

    /** @return a 16 KiB threshold and a 64 MiB inflate limit */
    public static Compression defaults() {
        return new Compression(DEFAULT_THRESHOLD, DEFAULT_MAX_INFLATED_BYTES);
    }

    /** @return never compress on encode, but still inflate compressed values (up to 64 MiB) on decode */
    public static Compression never() {
        return new Compression(Integer.MAX_VALUE, DEFAULT_MAX_INFLATED_BYTES);
    }

    /**
     * @param bytes the new threshold
     * @return these settings with that threshold
     */
    public Compression withThreshold(int bytes) {
        return new Compression(bytes, maxInflatedBytes);
    }

    /**
     * @param bytes the new inflate limit
     * @return these settings with that inflate limit
     */
    public Compression withMaxInflatedBytes(int bytes) {
        return new Compression(threshold, bytes);
    }
}
