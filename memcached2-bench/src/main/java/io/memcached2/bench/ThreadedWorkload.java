package io.memcached2.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fixed number of threads, each issuing one blocking {@link Operation} after another until the round ends.
 * Threads start together, and stay alive after their last operation until the window is closed, so their
 * allocation is counted.
 */
public final class ThreadedWorkload implements Workload {
    /** How long past the round's end a thread may still be in its last operation before it counts as stuck. */
    private static final Duration STRAGGLER_LIMIT = Duration.ofSeconds(30);

    private final String name;
    private final String description;
    private final int threads;
    private final KeySpace keys;
    private final boolean populate;
    private final boolean reportsItems;
    private final Operation operation;

    /**
     * @param name the workload's name
     * @param description one line saying what it does
     * @param threads how many threads issue operations
     * @param keys the keys and value it uses
     * @param populate whether to store every key before warm-up (for workloads that read)
     * @param reportsItems whether keys per second is worth reporting
     * @param operation what each thread does in a loop
     */
    public ThreadedWorkload(String name, String description, int threads, KeySpace keys, boolean populate,
            boolean reportsItems, Operation operation) {
        this.name = name;
        this.description = description;
        this.threads = threads;
        this.keys = keys;
        this.populate = populate;
        this.reportsItems = reportsItems;
        this.operation = operation;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public boolean reportsItems() {
        return reportsItems;
    }

    @Override
    public void prepare(ClientAdapter client) throws Exception {
        if (populate) {
            keys.populate(client);
        }
    }

    @Override
    public void run(ClientAdapter client, Duration duration, RoundRecorder recorder, MeasurementWindow window)
            throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(threads);
        CountDownLatch exit = new CountDownLatch(1);
        AtomicLong deadline = new AtomicLong();
        List<Thread> workers = new ArrayList<>(threads);
        for (int i = 0; i < threads; i++) {
            SplittableRandom random = new SplittableRandom(i);
            Thread worker = new Thread(() -> {
                ready.countDown();
                try {
                    go.await();
                    loop(client, random, recorder, deadline.get());
                    done.countDown();
                    exit.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, name + "-" + i);
            worker.setDaemon(true);
            worker.start();
            workers.add(worker);
        }
        try {
            ready.await();
            window.open();
            deadline.set(System.nanoTime() + duration.toNanos());
            go.countDown();
            if (!done.await(duration.plus(STRAGGLER_LIMIT).toNanos(), TimeUnit.NANOSECONDS)) {
                recorder.failure(new TimeoutException(done.getCount() + " threads stuck in one operation"));
            }
            window.close();
        } finally {
            exit.countDown();
            for (Thread worker : workers) {
                if (done.getCount() > 0) {
                    worker.interrupt();
                }
                worker.join(STRAGGLER_LIMIT.toMillis());
            }
        }
    }

    private void loop(ClientAdapter client, SplittableRandom random, RoundRecorder recorder, long deadline) {
        long start = System.nanoTime();
        while (start - deadline < 0) {
            try {
                int items = operation.perform(client, random, recorder);
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
