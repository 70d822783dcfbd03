package io.memcached2;

/** The server refused the configured credentials; the client does not retry them in a loop. */
public class AuthenticationFailed extends ServerDisconnect {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a message that names what went wrong.
     *
     * @param message what went wrong
     */
    public AuthenticationFailed(String message) {
        super(message);
    }

    /**
     * Creates the exception with a message and its cause.
     *
     * @param message what went wrong
     * @param cause the underlying failure
     */
    public AuthenticationFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
