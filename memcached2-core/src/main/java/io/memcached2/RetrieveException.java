package io.memcached2;

/** A read did not produce a value. Its subclasses say why. */
public class RetrieveException extends MemcachedException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a message that names what went wrong.
     *
     * @param message what went wrong
     */
    public RetrieveException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a message and its cause.
     *
     * @param message what went wrong
     * @param cause the underlying failure
     */
    public RetrieveException(String message, Throwable cause) {
        super(message, cause);
    }
}
