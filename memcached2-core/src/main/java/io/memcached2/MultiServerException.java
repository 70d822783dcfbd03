package io.memcached2;

import java.util.Map;

/**
 * A command sent to every server ({@code deleteAll}, {@code flushAll}) failed on some of them: the answer of every
 * server that answered is kept, and every other server is named with its failure. (When every server failed, their
 * first failure is thrown instead.)
 */
public class MultiServerException extends MemcachedException {
    private static final long serialVersionUID = 1L;

    private final transient Map<ServerAddress, Boolean> results;
    private final transient Map<ServerAddress, Throwable> failures;

    /**
     * @param message what went wrong
     * @param results each server that answered, with its answer (see {@link #results()})
     * @param failures each other server, with its failure
     * @param cause the first failure
     */
    public MultiServerException(
            String message,
            Map<ServerAddress, Boolean> results,
            Map<ServerAddress, Throwable> failures,
            Throwable cause) {
        super(message, cause);
        this.results = Map.copyOf(results);
        this.failures = Map.copyOf(failures);
    }

    /**
     * @return each server that answered: for {@code deleteAll}, true if it held the key and deleted it, false if it
     *     did not hold it; for {@code flushAll}, true (it flushed)
     */
    public Map<ServerAddress, Boolean> results() {
        return results;
    }

    /** @return each server that failed, with the failure; the command may or may not have taken effect there */
    public Map<ServerAddress, Throwable> failures() {
        return failures;
    }
}
