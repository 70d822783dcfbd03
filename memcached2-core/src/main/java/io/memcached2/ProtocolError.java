package io.memcached2;

/** The server sent a reply this client does not understand; the connection was closed and its requests failed. */
public class ProtocolError extends MemcachedException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a message that names what went wrong.
     *
     * @param message what went wrong
     */
    public ProtocolError(String message) {
        super(message);
    }

    /**
     * Creates the exception with a message and its cause.
     *
     * @param message what went wrong
     * @param cause the underlying failure
     */
    public ProtocolError(String message, Throwable cause) {
        super(message, cause);
    }
}
