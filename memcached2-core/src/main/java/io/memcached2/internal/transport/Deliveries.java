package io.memcached2.internal.transport;

import java.util.Arrays;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Collects the asynchronous completions of one event-loop turn and hands them to the callback executor in one
 * task, so that user callbacks never run on an I/O thread and the hand-off costs one task per batch, not per
 * request. Used by one event-loop thread only.
 */
public final class Deliveries {
    private final Executor executor;
    private Runnable[] batch = new Runnable[16];
    private int size;

    /** @param executor where completions run */
    public Deliveries(Executor executor) {
        this.executor = executor;
    }

    /** Queues a completion for the next {@link #flush()}. */
    void add(Runnable completion) {
        if (size == batch.length) {
            batch = Arrays.copyOf(batch, size * 2);
        }
        batch[size++] = completion;
    }

    /** Hands the queued completions to the executor; runs them here only if the executor refuses. */
    void flush() {
        if (size == 0) {
            return;
        }
        Runnable[] run = Arrays.copyOf(batch, size);
        Arrays.fill(batch, 0, size, null);
        size = 0;
        Runnable task = () -> {
            for (Runnable r : run) {
                r.run();
            }
        };
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            task.run();
        }
    }
}
