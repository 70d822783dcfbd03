package io.memcached2.internal.transport;

/**
 * Turns a completed request into a caller's result.
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface ReplyMapper<T> {
    /**
     * @param request a completed request (check {@link Request#failure()} first)
     * @return the result
     * @throws RuntimeException the exception the caller should see
     */
    T map(Request request);
}
