package io.memcached2;

import java.util.Map;

/**
 * A multi-key delete where some keys failed: the answer for every key whose server answered is kept, and every key
 * whose delete failed is named with its failure. (When every key failed, their first failure is thrown instead.)
 */
public class MultiDeleteException extends StoreException {
    private static final long serialVersionUID = 1L;

    private final transient Map<String, Boolean> results;
    private final transient Map<String, Throwable> failures;

    /**
     * @param message what went wrong
     * @param results for each key whose server answered: true if it was deleted, false if it was absent
     * @param failures for each other key, its failure
     * @param cause the first failure
     */
    public MultiDeleteException(
            String message, Map<String, Boolean> results, Map<String, Throwable> failures, Throwable cause) {
        super(message, cause);
        this.results = Map.copyOf(results);
        this.failures = Map.copyOf(failures);
    }

    /** @return for each key whose server answered: true if it was deleted, false if it was absent */
    public Map<String, Boolean> results() {
        return results;
    }

    /** @return each key whose delete failed, with the failure; these keys may or may not still exist */
    public Map<String, Throwable> failures() {
        return failures;
    }
}
