package io.memcached2.load;

import java.util.SplittableRandom;
import java.util.concurrent.CompletionStage;

/** One asynchronous request the window keeps outstanding; the window times it and records its outcome. */
@FunctionalInterface
public interface AsyncTask {
    /**
     * Starts one request without waiting for it.
     *
     * @param random the driver's random source
     * @return completed with how many keys the request read or wrote, or exceptionally on failure
     */
    CompletionStage<Integer> start(SplittableRandom random);
}
