package io.memcached2;

/** A value was stored, but reading back its new CAS unique failed. */
public class CASRefreshFailure extends CASFailure {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a message that names what went wrong.
     *
     * @param message what went wrong
     */
    public CASRefreshFailure(String message) {
        super(message);
    }

    /**
     * Creates the exception with a message and its cause.
     *
     * @param message what went wrong
     * @param cause the underlying failure
     */
    public CASRefreshFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
