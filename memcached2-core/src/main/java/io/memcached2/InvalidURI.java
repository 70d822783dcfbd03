package io.memcached2;

/** A server URI could not be parsed; the message quotes the input. */
public class InvalidURI extends MemcachedException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a message that names what went wrong.
     *
     * @param message what went wrong
     */
    public InvalidURI(String message) {
        super(message);
    }

    /**
     * Creates the exception with a message and its cause.
     *
     * @param message what went wrong
     * @param cause the underlying failure
     */
    public InvalidURI(String message, Throwable cause) {
        super(message, cause);
    }
}
