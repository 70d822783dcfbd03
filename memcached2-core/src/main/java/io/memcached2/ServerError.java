package io.memcached2;

/** The server answered SERVER_ERROR or CLIENT_ERROR to a well-formed request (for example: object too large, out of memory); the connection stays usable. */
public class ServerError extends MemcachedException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a message that names what went wrong.
     *
     * @param message what went wrong
     */
    public ServerError(String message) {
        super(message);
    }

    /**
     * Creates the exception with a message and its cause.
     *
     * @param message what went wrong
     * @param cause the underlying failure
     */
    public ServerError(String message, Throwable cause) {
        super(message, cause);
    }
}
