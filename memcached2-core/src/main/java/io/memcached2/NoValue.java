package io.memcached2;

/**
 * A read found no value for the key. A miss is ordinary, so this exception is preallocated and
 * carries no stack trace: throwing it costs no more than returning.
 */
public final class NoValue extends RetrieveException {
    private static final long serialVersionUID = 1L;

    /** The one instance; it has no stack trace and no key, since a miss is not an error. */
    public static final NoValue INSTANCE = new NoValue();

    private NoValue() {
        super("no value for the key");
        setStackTrace(new StackTraceElement[0]);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
