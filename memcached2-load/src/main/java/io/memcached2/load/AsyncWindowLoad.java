package io.memcached2.load;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The calling thread keeping a fixed number of asynchronous requests outstanding: each completion frees a slot and
 * the driver refills it at once. This measures how a client pipelines many requests from few threads.
 */
public final class AsyncWindowLoad {
    private final int outstanding;
    private final AsyncTask task;
    private final Duration drainLimit;

    /**
     * @param outstanding how many requests to keep in flight
     * @param task starts one request
     * @param drainLimit how long the last outstanding requests may take once the time is up; those still
     *     outstanding after it are recorded as one {@link TimeoutException} failure
     */
    public AsyncWindowLoad(int outstanding, AsyncTask task, Duration drainLimit) {
        if (outstanding < 1) {
            throw new IllegalArgumentException("need at least one request outstanding: " + outstanding);
        }
        this.outstanding = outstanding;
        this.task = task;
        this.drainLimit = drainLimit;
    }

    /**
     * Runs the load for the given time on the calling thread.
     *
     * @param duration how long to start new requests
     * @param recorder where requests are recorded
     * @param window opened when the load starts and closed when it has drained
     * @return nanoseconds from the first request to the last completion (or the drain limit)
     * @throws InterruptedException when the calling thread is interrupted
     */
    public long run(Duration duration, LoadRecorder recorder, Window window) throws InterruptedException {
        Semaphore slots = new Semaphore(outstanding);
        SplittableRandom random = new SplittableRandom(0);
        window.open();
        long begin = System.nanoTime();
        long deadline = begin + duration.toNanos();
        for (long now = begin; now - deadline < 0; now = System.nanoTime()) {
            if (!slots.tryAcquire(deadline - now, TimeUnit.NANOSECONDS)) {
                break;
            }
            long start = System.nanoTime();
            CompletionStage<Integer> f;
            try {
                f = task.start(random);
            } catch (RuntimeException refusedAtOnce) {
                recorder.failure(refusedAtOnce);
                slots.release();
                continue;
            }
            f.whenComplete((items, failure) -> {
                if (failure != null) {
                    recorder.failure(failure);
                } else {
                    recorder.success(System.nanoTime() - start, items);
                }
                slots.release();
            });
        }
        if (!slots.tryAcquire(outstanding, drainLimit.toNanos(), TimeUnit.NANOSECONDS)) {
            recorder.failure(new TimeoutException(
                    (outstanding - slots.availablePermits()) + " asynchronous requests never completed"));
        }
        long elapsed = System.nanoTime() - begin;
        window.close();
        return elapsed;
    }
}
