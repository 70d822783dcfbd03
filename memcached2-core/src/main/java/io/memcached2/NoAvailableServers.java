package io.memcached2;

/** No server is available for the key: every candidate the selector may use is down. */
public class NoAvailableServers extends MemcachedException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a message that names what went wrong.
     *
     * @param message what went wrong
     */
    public NoAvailableServers(String message) {
        super(message);
    }

    /**
     * Creates the exception with a message and its cause.
     *
     * @param message what went wrong
     * @param cause the underlying failure
     */
    public NoAvailableServers(String message, Throwable cause) {
        super(message, cause);
    }
}
