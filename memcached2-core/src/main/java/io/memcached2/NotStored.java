package io.memcached2;

/** The server did not store the value because the command's condition failed (add on an existing key, replace/append/prepend on a missing key). */
public class NotStored extends StoreException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a message that names what went wrong.
     *
     * @param message what went wrong
     */
    public NotStored(String message) {
        super(message);
    }

    /**
     * Creates the exception with a message and its cause.
     *
     * @param message what went wrong
     * @param cause the underlying failure
     */
    public NotStored(String message, Throwable cause) {
        super(message, cause);
    }
}
