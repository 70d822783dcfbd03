package io.memcached2;

/** The request was refused at once because the cap on requests in flight to the server was reached. */
public class Overloaded extends MemcachedException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a message that names what went wrong.
     *
     * @param message what went wrong
     */
    public Overloaded(String message) {
        super(message);
    }

    /**
     * Creates the exception with a message and its cause.
     *
     * @param message what went wrong
     * @param cause the underlying failure
     */
    public Overloaded(String message, Throwable cause) {
        super(message, cause);
    }
}
