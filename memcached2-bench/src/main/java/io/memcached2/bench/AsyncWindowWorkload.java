package io.memcached2.bench;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One driver thread keeping a fixed number of asynchronous gets outstanding: each completion frees a slot and
 * the driver refills it at once. This measures how a client pipelines many requests from few threads.
 */
public final class AsyncWindowWorkload implements Workload {
    /** How long to wait for the last outstanding gets after the round before counting them as lost. */
    private static final Duration DRAIN_LIMIT = Duration.ofSeconds(30);

    private final String name;
    private final int outstanding;
    private final KeySpace keys;

    /**
     * @param name the workload's name
     * @param outstanding how many gets to keep in flight
     * @param keys the keys to read (stored before warm-up)
     */
    public AsyncWindowWorkload(String name, int outstanding, KeySpace keys) {
        this.name = name;
        this.outstanding = outstanding;
        this.keys = keys;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return outstanding + " async gets outstanding from one driver thread, " + keys.value().length
                + "-byte values over " + keys.size() + " keys";
    }

    @Override
    public boolean usesAsync() {
        return true;
    }

    @Override
    public void prepare(ClientAdapter client) throws Exception {
        keys.populate(client);
    }

    @Override
    public void run(ClientAdapter client, Duration duration, RoundRecorder recorder, MeasurementWindow window)
            throws InterruptedException {
        Semaphore slots = new Semaphore(outstanding);
        SplittableRandom random = new SplittableRandom(0);
        window.open();
        long deadline = System.nanoTime() + duration.toNanos();
        for (long now = System.nanoTime(); now - deadline < 0; now = System.nanoTime()) {
            if (!slots.tryAcquire(deadline - now, TimeUnit.NANOSECONDS)) {
                break;
            }
            long start = System.nanoTime();
            client.getAsync(keys.randomKey(random)).whenComplete((value, failure) -> {
                long latency = System.nanoTime() - start;
                if (failure != null) {
                    recorder.failure(failure);
                } else {
                    try {
                        recorder.success(latency, keys.check(value, recorder));
                    } catch (WrongValueException wrong) {
                        recorder.failure(wrong);
                    }
                }
                slots.release();
            });
        }
        if (!slots.tryAcquire(outstanding, DRAIN_LIMIT.toNanos(), TimeUnit.NANOSECONDS)) {
            recorder.failure(new TimeoutException((outstanding - slots.availablePermits())
                    + " async gets never completed"));
        }
        window.close();
    }
}
