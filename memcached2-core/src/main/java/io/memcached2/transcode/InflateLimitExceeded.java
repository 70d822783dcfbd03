package io.memcached2.transcode;

/** A compressed value that would inflate past the configured maximum; it is refused before memory runs out. */
public final class InflateLimitExceeded extends UndecodableValue {
    private static final long serialVersionUID = 1L;

    /** The most bytes a value may inflate to. */
    private final int limit;

    /**
     * @param compressedLength the length of the compressed value
     * @param limit the most bytes a value may inflate to
     */
    public InflateLimitExceeded(int compressedLength, int limit) {
        super("compressed value of " + compressedLength + " bytes inflates past the limit of " + limit + " bytes");
        this.limit = limit;
    }

    /** @return the most bytes a value may inflate to */
    public int limit() {
        return limit;
    }
}
