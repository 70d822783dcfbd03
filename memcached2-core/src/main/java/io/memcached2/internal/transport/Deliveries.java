package io.memcached2.internal.transport;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands asynchronous completions from an I/O thread to the callback executor, one task each, so that user callbacks
 * never run on an I/O thread and one slow callback never holds up another's completion. If the executor refuses a
 * task (a bounded pool that is full, or one shut down), the completion runs on a fallback thread instead, never on
 * the I/O thread, and the refusal is logged once.
 */
public final class Deliveries {
    private static final Logger LOG = LoggerFactory.getLogger(Deliveries.class);
    private static final AtomicBoolean WARNED = new AtomicBoolean();
    /**
     * As many threads as refused completions need at once (one blocked callback must not hold up the others), each
     * ending after a second without work, so a burst of refusals leaves no threads behind.
     */
    private static final ExecutorService FALLBACK =
            new ThreadPoolExecutor(0, Integer.MAX_VALUE, 1, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
                Thread t = new Thread(r, "memcached2-callback-fallback");
                t.setDaemon(true);
                return t;
            });

    private final Executor executor;

    /** @param executor where completions run */
    public Deliveries(Executor executor) {
        this.executor = executor;
    }

    /** Runs a completion on the executor, or on the fallback thread if the executor refuses it. */
    void add(Runnable completion) {
        try {
            executor.execute(completion);
        } catch (RejectedExecutionException e) {
            if (WARNED.compareAndSet(false, true)) {
                LOG.warn(
                        "the callback executor refused a memcached completion ({}); completions it refuses run on"
                                + " a fallback thread. Give the client an executor that accepts every task",
                        e.toString());
            }
            FALLBACK.execute(completion);
        }
    }
}
