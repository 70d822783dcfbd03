package io.memcached2.load;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Names failures the way the load counts them: by the type of the exception that says what went wrong. */
public final class Failures {
    private Failures() {}

    /**
     * @param failure a failure, possibly wrapped by a future
     * @return the failure with future wrappers ({@link ExecutionException}, {@link CompletionException}) removed
     */
    public static Throwable rootCause(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof ExecutionException || t instanceof CompletionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /**
     * @param failure a failure, possibly wrapped by a future
     * @return the simple class name of its root cause
     */
    public static String typeOf(Throwable failure) {
        return rootCause(failure).getClass().getSimpleName();
    }
}
