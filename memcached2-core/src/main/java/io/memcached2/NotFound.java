package io.memcached2;

/** The key does not exist (delete, touch, incr, decr, or a CAS store on a missing key). */
public class NotFound extends StoreException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a message that names what went wrong.
     *
     * @param message what went wrong
     */
    public NotFound(String message) {
        super(message);
    }

    /**
     * Creates the exception with a message and its cause.
     *
     * @param message what went wrong
     * @param cause the underlying failure
     */
    public NotFound(String message, Throwable cause) {
        super(message, cause);
    }
}
