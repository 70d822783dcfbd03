package io.memcached2;

/** A compare-and-swap store failed: the item changed since its CAS unique was read, or the CAS unique was already used. */
public class CASFailure extends StoreException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a message that names what went wrong.
     *
     * @param message what went wrong
     */
    public CASFailure(String message) {
        super(message);
    }

    /**
     * Creates the exception with a message and its cause.
     *
     * @param message what went wrong
     * @param cause the underlying failure
     */
    public CASFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
