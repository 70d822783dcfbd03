package io.memcached2.load;

import java.util.SplittableRandom;

/** One blocking request a worker makes in a loop; the worker times it and records success or failure. */
@FunctionalInterface
public interface Task {
    /**
     * Makes one request.
     *
     * @param random the worker's own random source
     * @return how many keys the request read or wrote
     * @throws Exception whatever the client throws; recorded as a failure
     */
    int run(SplittableRandom random) throws Exception;
}
