package io.memcached2.bench;

import io.memcached2.load.LoadRecorder;
import io.memcached2.load.ThreadedLoad;
import io.memcached2.load.Threads;
import io.memcached2.load.Window;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;

/**
 * A fixed number of threads, each issuing one blocking {@link Operation} after another until the round ends, run
 * by the shared load generator ({@link ThreadedLoad}): threads start together, and stay alive after their last
 * operation until the window is closed, so their allocation is counted.
 */
public final class ThreadedWorkload implements Workload {
    private final String name;
    private final String description;
    private final int threads;
    private final KeySpace keys;
    private final boolean populate;
    private final boolean reportsItems;
    private final Operation operation;
    private Optional<ThreadFactory> factory = Optional.of(Threads.platform());
    private double readShare;
    private boolean runsReference;

    /**
     * @param name the workload's name
     * @param description one line saying what it does
     * @param threads how many threads issue operations
     * @param keys the keys and value it uses
     * @param populate whether to store every key before warm-up (for workloads that read)
     * @param reportsItems whether keys per second is worth reporting
     * @param operation what each thread does in a loop
     */
    public ThreadedWorkload(
            String name,
            String description,
            int threads,
            KeySpace keys,
            boolean populate,
            boolean reportsItems,
            Operation operation) {
        this.name = name;
        this.description = description;
        this.threads = threads;
        this.keys = keys;
        this.populate = populate;
        this.reportsItems = reportsItems;
        this.operation = operation;
    }

    /**
     * Runs the workers on virtual threads; the workload is then unavailable on a runtime without them.
     *
     * @return this workload
     */
    ThreadedWorkload onVirtualThreads() {
        factory = Threads.virtual();
        return this;
    }

    /**
     * @param share the fraction of the counted items that are reads returning a value (1 for gets, 0 for sets)
     * @return this workload
     */
    ThreadedWorkload reading(double share) {
        readShare = share;
        return this;
    }

    /**
     * Lets the C reference client run this workload too.
     *
     * @return this workload
     */
    ThreadedWorkload withReference() {
        runsReference = true;
        return this;
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
    public Optional<String> unavailable() {
        return factory.isPresent()
                ? Optional.empty()
                : Optional.of("virtual threads need Java 21 or later; this is Java "
                        + Runtime.version().feature());
    }

    @Override
    public boolean runsReference() {
        return runsReference;
    }

    @Override
    public double valueBytesPerItem() {
        return readShare * keys.valueArrayBytes();
    }

    @Override
    public void prepare(ClientAdapter client) throws Exception {
        if (populate) {
            keys.populate(client);
        }
    }

    @Override
    public void run(ClientAdapter client, Duration duration, LoadRecorder recorder, Window window)
            throws InterruptedException {
        ThreadFactory threadFactory = factory.orElseThrow(
                () -> new IllegalStateException(unavailable().get()));
        new ThreadedLoad(name, threads, threadFactory, worker -> random -> operation.perform(client, random, recorder))
                .run(duration, recorder, window);
    }
}
