package io.memcached2;

import java.util.Map;

/** A multi-key store met trouble part-way; {@link #results()} says what happened to every key. */
public class MultiStorageException extends StoreException {
    private static final long serialVersionUID = 1L;

    private final transient Map<String, StoreResult> results;

    /**
     * @param message what went wrong
     * @param results the outcome of every key, those that failed included
     * @param cause the first failure met
     */
    public MultiStorageException(String message, Map<String, StoreResult> results, Throwable cause) {
        super(message, cause);
        this.results = Map.copyOf(results);
    }

    /** @return each key's outcome; keys whose server failed map to {@link StoreResult#FAILED} */
    public Map<String, StoreResult> results() {
        return results;
    }
}
