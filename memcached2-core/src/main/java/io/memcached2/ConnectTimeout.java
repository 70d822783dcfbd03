package io.memcached2;

/** A connection (including its TLS handshake and authentication) was not ready within the connect timeout. */
public class ConnectTimeout extends ServerDisconnect {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a message that names what went wrong.
     *
     * @param message what went wrong
     */
    public ConnectTimeout(String message) {
        super(message);
    }

    /**
     * Creates the exception with a message and its cause.
     *
     * @param message what went wrong
     * @param cause the underlying failure
     */
    public ConnectTimeout(String message, Throwable cause) {
        super(message, cause);
    }
}
