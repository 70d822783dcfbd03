package io.memcached2.cli.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/** Keeps the workload's requests in flight for a while, the way the concurrency kind says. */
final class LoadRunner {
    private final BenchSpec spec;
    private final Requests requests;
    private final ThreadFactory threads;
    private final Duration drainBound;

    /**
     * @param spec the run
     * @param requests makes the requests
     * @param threads makes the worker threads (platform or virtual); unused for asynchronous requests
     * @param drainBound how long outstanding asynchronous requests may take to finish once the time is up
     */
    LoadRunner(BenchSpec spec, Requests requests, ThreadFactory threads, Duration drainBound) {
        this.spec = spec;
        this.requests = requests;
        this.threads = threads;
        this.drainBound = drainBound;
    }

    /**
     * Runs the load, recording every request.
     *
     * @param duration how long to start new requests
     * @param m where requests are recorded
     * @return nanoseconds from the first request to the last reply
     * @throws InterruptedException when the calling thread is interrupted
     */
    long run(Duration duration, Measurements m) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        if (spec.kind() == ConcurrencyKind.ASYNC) {
            runAsync(deadline, m);
        } else {
            runThreads(deadline, m);
        }
        return System.nanoTime() - start;
    }

    private void runThreads(long deadline, Measurements m) throws InterruptedException {
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < spec.concurrency(); i++) {
            Thread t = threads.newThread(() -> {
                while (System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
                    requests.blocking(m);
                }
            });
            t.setDaemon(true);
            workers.add(t);
        }
        workers.forEach(Thread::start);
        try {
            for (Thread t : workers) {
                t.join();
            }
        } catch (InterruptedException e) {
            workers.forEach(Thread::interrupt);
            throw e;
        }
    }

    private void runAsync(long deadline, Measurements m) throws InterruptedException {
        Semaphore window = new Semaphore(spec.concurrency());
        long now;
        while ((now = System.nanoTime()) < deadline) {
            if (!window.tryAcquire(deadline - now, TimeUnit.NANOSECONDS)) {
                break;
            }
            requests.async(m).whenComplete((ignored, never) -> window.release());
        }
        if (!window.tryAcquire(spec.concurrency(), drainBound.toNanos(), TimeUnit.NANOSECONDS)) {
            throw new IllegalStateException("asynchronous requests were still outstanding " + drainBound.toMillis()
                    + " ms after the run ended");
        }
    }
}
