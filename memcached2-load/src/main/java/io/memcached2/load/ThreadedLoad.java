package io.memcached2.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;

/**
 * A fixed number of worker threads (platform or virtual), each making one blocking {@link Task} after another,
 * timed and recorded, either for a set time ({@link #run}) or until stopped ({@link #start}). Each worker has its
 * own task (from the factory, given the worker's index) and its own random source, seeded with that index.
 */
public final class ThreadedLoad {
    /** How long past a timed run's end a worker may still be in its last request before it counts as stuck. */
    private static final Duration STRAGGLER_LIMIT = Duration.ofSeconds(30);

    private final String name;
    private final int threads;
    private final ThreadFactory factory;
    private final IntFunction<Task> tasks;

    /**
     * @param name the workers' name prefix (worker i is {@code name-i})
     * @param threads how many workers
     * @param factory makes the workers' threads: {@link Threads#platform()} or {@link Threads#virtual()}
     * @param tasks the task of each worker, by index from 0
     */
    public ThreadedLoad(String name, int threads, ThreadFactory factory, IntFunction<Task> tasks) {
        if (threads < 1) {
            throw new IllegalArgumentException("need at least one worker: " + threads);
        }
        this.name = name;
        this.threads = threads;
        this.factory = factory;
        this.tasks = tasks;
    }

    /**
     * Runs the load for the given time. Workers start together; the window opens when all are ready and closes once
     * all finished their last request, before they exit. A worker still busy well after the end is recorded as a
     * {@link TimeoutException} failure and interrupted.
     *
     * @param duration how long to start new requests
     * @param recorder where requests are recorded
     * @param window opened when the load starts and closed when it has drained
     * @return nanoseconds from the start to the last worker's last reply
     * @throws InterruptedException when the calling thread is interrupted (the workers are interrupted too)
     */
    public long run(Duration duration, LoadRecorder recorder, Window window) throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(threads);
        CountDownLatch exit = new CountDownLatch(1);
        long[] deadline = new long[1];
        List<Thread> workers = new ArrayList<>(threads);
        for (int i = 0; i < threads; i++) {
            Task task = tasks.apply(i);
            SplittableRandom random = new SplittableRandom(i);
            workers.add(thread(i, () -> {
                ready.countDown();
                try {
                    go.await();
                    // The latch publishes the deadline written before it opened.
                    loop(task, random, recorder, deadline[0], () -> false);
                    done.countDown();
                    exit.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        workers.forEach(Thread::start);
        long start;
        try {
            ready.await();
            window.open();
            start = System.nanoTime();
            deadline[0] = start + duration.toNanos();
            go.countDown();
            if (!done.await(duration.plus(STRAGGLER_LIMIT).toNanos(), TimeUnit.NANOSECONDS)) {
                recorder.failure(new TimeoutException(done.getCount() + " threads stuck in one request"));
            }
            long elapsed = System.nanoTime() - start;
            window.close();
            return elapsed;
        } finally {
            exit.countDown();
            for (Thread worker : workers) {
                if (done.getCount() > 0 || Thread.currentThread().isInterrupted()) {
                    worker.interrupt();
                }
            }
            for (Thread worker : workers) {
                worker.join(STRAGGLER_LIMIT.toMillis());
            }
        }
    }

    /**
     * Starts the load until {@link Running#stop} is called.
     *
     * @param recorder where requests are recorded
     * @return the running load
     */
    public Running start(LoadRecorder recorder) {
        Running running = new Running();
        for (int i = 0; i < threads; i++) {
            Task task = tasks.apply(i);
            SplittableRandom random = new SplittableRandom(i);
            running.workers.add(thread(i, () -> loop(task, random, recorder, Long.MAX_VALUE, running::stopped)));
        }
        running.workers.forEach(Thread::start);
        return running;
    }

    /** A load started by {@link #start}. */
    public static final class Running {
        private final List<Thread> workers = new ArrayList<>();
        private volatile boolean stopped;

        private Running() {}

        private boolean stopped() {
            return stopped;
        }

        /**
         * Stops the load: no worker starts another request, and each must finish the one it is in within the bound.
         *
         * @param bound how long the workers together may take to finish
         * @return one description, with its stack, of each worker still in a request after the bound (empty when
         *     none is stuck)
         * @throws InterruptedException when the calling thread is interrupted while waiting
         */
        public List<String> stop(Duration bound) throws InterruptedException {
            stopped = true;
            long end = System.nanoTime() + bound.toNanos();
            List<String> stuck = new ArrayList<>();
            for (Thread t : workers) {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())));
                if (t.isAlive()) {
                    StringBuilder sb =
                            new StringBuilder("thread " + t.getName() + " still stuck after the load stopped:");
                    for (StackTraceElement e : t.getStackTrace()) {
                        sb.append("\n    at ").append(e);
                    }
                    stuck.add(sb.toString());
                }
            }
            return stuck;
        }
    }

    private Thread thread(int index, Runnable body) {
        Thread t = factory.newThread(body);
        t.setName(name + "-" + index);
        if (!t.isDaemon()) {
            t.setDaemon(true);
        }
        return t;
    }

    private static void loop(
            Task task, SplittableRandom random, LoadRecorder recorder, long deadline, BooleanSupplier stopped) {
        long start = System.nanoTime();
        while (start - deadline < 0
                && !stopped.getAsBoolean()
                && !Thread.currentThread().isInterrupted()) {
            try {
                int items = task.run(random);
                long end = System.nanoTime();
                recorder.success(end - start, items);
                start = end;
            } catch (Exception e) {
                recorder.failure(e);
                start = System.nanoTime();
            }
        }
    }
}
