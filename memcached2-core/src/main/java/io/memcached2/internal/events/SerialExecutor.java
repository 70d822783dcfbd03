package io.memcached2.internal.events;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs tasks one at a time, in the order given, on another executor: I/O-thread events handed to the callback
 * executor keep their order (opened before closed, down before up) even when that executor has many threads.
 */
final class SerialExecutor implements Executor {
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Executor target;
    private final Runnable drain = this::drain;

    SerialExecutor(Executor target) {
        this.target = target;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        schedule();
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            target.execute(drain);
        }
    }

    /** The tasks catch what they throw (see {@link TransportEvents}), so one bad listener never stops the queue. */
    private void drain() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            task.run();
        }
        scheduled.set(false);
        if (!tasks.isEmpty()) {
            schedule();
        }
    }
}
