package io.memcached2.load;

import java.util.SplittableRandom;
import java.util.concurrent.CompletionStage;

/**
 * One asynchronous request the window keeps outstanding; the window times it and records its outcome.
 *
 * @param <T> what the request completes with
 */
@FunctionalInterface
public interface AsyncTask<T> {
    /**
     * Starts one request without waiting for it.
     *
     * @param random the driver's random source
     * @return completed with the request's result, or exceptionally on failure
     */
    CompletionStage<T> start(SplittableRandom random);
}
