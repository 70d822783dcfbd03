package io.memcached2;

/** A server URI names a scheme this client does not speak. */
public class UnknownProtocol extends MemcachedException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a message that names what went wrong.
     *
     * @param message what went wrong
     */
    public UnknownProtocol(String message) {
        super(message);
    }

    /**
     * Creates the exception with a message and its cause.
     *
     * @param message what went wrong
     * @param cause the underlying failure
     */
    public UnknownProtocol(String message, Throwable cause) {
        super(message, cause);
    }
}
