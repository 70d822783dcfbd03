package io.memcached2;

/** Server trouble: the connection failed, closed, or could not be made. Its subclasses narrow the cause. */
public class ServerDisconnect extends MemcachedException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a message that names what went wrong.
     *
     * @param message what went wrong
     */
    public ServerDisconnect(String message) {
        super(message);
    }

    /**
     * Creates the exception with a message and its cause.
     *
     * @param message what went wrong
     * @param cause the underlying failure
     */
    public ServerDisconnect(String message, Throwable cause) {
        super(message, cause);
    }
}
