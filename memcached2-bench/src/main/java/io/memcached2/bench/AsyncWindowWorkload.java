package io.memcached2.bench;

import io.memcached2.load.AsyncWindowLoad;
import io.memcached2.load.LoadRecorder;
import io.memcached2.load.Window;
import java.time.Duration;
import java.util.concurrent.CompletionException;

/**
 * One driver thread keeping a fixed number of asynchronous gets outstanding: each completion frees a slot and
 * the driver refills it at once ({@link AsyncWindowLoad}). This measures how a client pipelines many requests from
 * few threads.
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
    public double valueBytesPerItem() {
        return keys.valueArrayBytes();
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
    public void run(ClientAdapter client, Duration duration, LoadRecorder recorder, Window window)
            throws InterruptedException {
        new AsyncWindowLoad<>(
                        outstanding,
                        random -> client.getAsync(keys.randomKey(random)),
                        value -> {
                            try {
                                return keys.check(value, recorder);
                            } catch (WrongValueException wrong) {
                                throw new CompletionException(wrong);
                            }
                        },
                        DRAIN_LIMIT)
                .run(duration, recorder, window);
    }
}
