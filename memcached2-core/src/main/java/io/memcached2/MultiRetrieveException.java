package io.memcached2;

import java.util.Map;

/**
 * A multi-key read where some servers failed: the hits from the servers that answered are kept, and every key whose
 * server failed is named with the failure.
 */
public class MultiRetrieveException extends RetrieveException {
    private static final long serialVersionUID = 1L;

    private final transient Map<String, ?> hits;
    private final transient Map<String, Throwable> failures;

    /**
     * @param message what went wrong
     * @param hits the values read from the servers that answered (values or {@link Item}s, as the call returns)
     * @param failures for each key whose server failed, the failure
     * @param cause the first failure
     */
    public MultiRetrieveException(
            String message, Map<String, ?> hits, Map<String, Throwable> failures, Throwable cause) {
        super(message, cause);
        this.hits = Map.copyOf(hits);
        this.failures = Map.copyOf(failures);
    }

    /**
     * @param <T> the value type of the call that threw ({@code V} for getMulti, {@code Item<V>} for getsMulti)
     * @return the hits from the servers that answered
     */
    @SuppressWarnings("unchecked")
    public <T> Map<String, T> hits() {
        return (Map<String, T>) hits;
    }

    /** @return each key whose server failed, with the failure */
    public Map<String, Throwable> failures() {
        return failures;
    }
}
