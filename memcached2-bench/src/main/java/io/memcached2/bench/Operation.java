package io.memcached2.bench;

import io.memcached2.load.LoadRecorder;
import java.util.SplittableRandom;

/** One blocking request a workload thread issues in a loop. */
@FunctionalInterface
public interface Operation {
    /**
     * Issues one request.
     *
     * @param client the client under test
     * @param random the calling thread's own random source
     * @param recorder where to report misses; the caller times the call and records success or failure
     * @return how many keys the request read or wrote
     * @throws Exception whatever the client throws
     */
    int perform(ClientAdapter client, SplittableRandom random, LoadRecorder recorder) throws Exception;
}
