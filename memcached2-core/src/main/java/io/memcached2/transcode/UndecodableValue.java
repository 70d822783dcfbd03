package io.memcached2.transcode;

/** A stored value that a transcoder cannot or will not turn back into a value; the message says why. */
public class UndecodableValue extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** @param message what was wrong with the stored value */
    public UndecodableValue(String message) {
        super(message);
    }

    /**
     * @param message what was wrong with the stored value
     * @param cause the underlying failure
     */
    public UndecodableValue(String message, Throwable cause) {
        super(message, cause);
    }
}
