package io.memcached2;

/** incr or decr was applied to a value that is not a decimal number. */
public class NonNumeric extends StoreException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a message that names what went wrong.
     *
     * @param message what went wrong
     */
    public NonNumeric(String message) {
        super(message);
    }

    /**
     * Creates the exception with a message and its cause.
     *
     * @param message what went wrong
     * @param cause the underlying failure
     */
    public NonNumeric(String message, Throwable cause) {
        super(message, cause);
    }
}
