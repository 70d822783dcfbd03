package io.memcached2.load;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.function.ToIntFunction;

/**
 * The calling thread keeping a fixed number of asynchronous requests outstanding: each completion frees a slot and
 * the driver refills it at once. This measures how a client pipelines many requests from few threads.
 *
 * <p>The window itself allocates only what the stage API demands of any caller (the one dependent stage
 * {@code whenComplete} makes): each slot is one reused callback that remembers its request's start, so a benchmark's
 * bytes per operation are the client's, not the harness's.
 *
 * @param <T> what each request completes with
 */
public final class AsyncWindowLoad<T> {
    private final int outstanding;
    private final AsyncTask<T> task;
    private final ToIntFunction<? super T> items;
    private final Duration drainLimit;

    /**
     * @param outstanding how many requests to keep in flight
     * @param task starts one request
     * @param items how many keys a completed request read or wrote; an exception it throws records the request as
     *     failed with it (this is where a benchmark checks the value it read)
     * @param drainLimit how long the last outstanding requests may take once the time is up; those still
     *     outstanding after it are recorded as one {@link TimeoutException} failure
     */
    public AsyncWindowLoad(int outstanding, AsyncTask<T> task, ToIntFunction<? super T> items, Duration drainLimit) {
        if (outstanding < 1) {
            throw new IllegalArgumentException("need at least one request outstanding: " + outstanding);
        }
        this.outstanding = outstanding;
        this.task = task;
        this.items = items;
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
        BlockingQueue<Slot> free = new ArrayBlockingQueue<>(outstanding);
        for (int i = 0; i < outstanding; i++) {
            free.add(new Slot(free, recorder));
        }
        SplittableRandom random = new SplittableRandom(0);
        window.open();
        long begin = System.nanoTime();
        long deadline = begin + duration.toNanos();
        for (long now = begin; now - deadline < 0; now = System.nanoTime()) {
            Slot slot = free.poll(deadline - now, TimeUnit.NANOSECONDS);
            if (slot == null) {
                break;
            }
            slot.start = System.nanoTime();
            try {
                task.start(random).whenComplete(slot);
            } catch (RuntimeException refusedAtOnce) {
                recorder.failure(refusedAtOnce);
                free.add(slot);
            }
        }
        int back = drain(free);
        if (back < outstanding) {
            recorder.failure(new TimeoutException((outstanding - back) + " asynchronous requests never completed"));
        }
        long elapsed = System.nanoTime() - begin;
        window.close();
        return elapsed;
    }

    /** Takes every slot back, waiting for those in flight up to the drain limit; returns how many came back. */
    private int drain(BlockingQueue<Slot> free) throws InterruptedException {
        long end = System.nanoTime() + drainLimit.toNanos();
        int back = 0;
        while (back < outstanding && free.poll(end - System.nanoTime(), TimeUnit.NANOSECONDS) != null) {
            back++;
        }
        return back;
    }

    /** One place in the window: the callback of whichever request holds it, reused request after request. */
    private final class Slot implements BiConsumer<T, Throwable> {
        private final BlockingQueue<Slot> free;
        private final LoadRecorder recorder;
        /** Written by the driver before the request starts, read by its completion: the stage orders the two. */
        long start;

        Slot(BlockingQueue<Slot> free, LoadRecorder recorder) {
            this.free = free;
            this.recorder = recorder;
        }

        @Override
        public void accept(T result, Throwable failure) {
            if (failure != null) {
                recorder.failure(failure);
            } else {
                int count;
                try {
                    count = items.applyAsInt(result);
                } catch (RuntimeException wrong) {
                    recorder.failure(wrong);
                    free.add(this);
                    return;
                }
                recorder.success(System.nanoTime() - start, count);
            }
            free.add(this);
        }
    }
}
