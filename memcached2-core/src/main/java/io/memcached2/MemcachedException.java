package io.memcached2;

/** Root of every exception this library throws; unchecked. */
public class MemcachedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a message that names what went wrong.
     *
     * @param message what went wrong
     */
    public MemcachedException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a message and its cause.
     *
     * @param message what went wrong
     * @param cause the underlying failure
     */
    public MemcachedException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * For stackless, preallocated subclasses.
     *
     * @param message what went wrong
     * @param writableStackTrace whether to record a stack
     */
    protected MemcachedException(String message, boolean writableStackTrace) {
        super(message, null, false, writableStackTrace);
    }
}
