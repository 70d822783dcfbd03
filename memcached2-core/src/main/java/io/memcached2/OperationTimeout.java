package io.memcached2;

/** An operation got no reply within the client's operation timeout; its late reply, if any, is read and dropped. */
public class OperationTimeout extends ServerDisconnect {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a message that names what went wrong.
     *
     * @param message what went wrong
     */
    public OperationTimeout(String message) {
        super(message);
    }

    /**
     * Creates the exception with a message and its cause.
     *
     * @param message what went wrong
     * @param cause the underlying failure
     */
    public OperationTimeout(String message, Throwable cause) {
        super(message, cause);
    }
}
