package io.memcached2.internal.commands;

import io.memcached2.MemcachedException;
import io.memcached2.OperationTimeout;
import io.memcached2.internal.transport.Deliveries;
import io.memcached2.internal.transport.Request;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs a composed asynchronous call on the one thread that waits for it: replies, scheduled steps and the loader are
 * queued here and run by {@link #await}, so the blocking {@code cache()} is the asynchronous one driven from the
 * caller's thread. Nothing of it runs on an I/O thread or on the callback executor. One instance per call, made on
 * the thread that then awaits.
 */
final class CallingThread implements Executor {
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Thread owner = Thread.currentThread();

    /** Queues the task for the waiting thread; safe from any thread, including an event loop. */
    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        LockSupport.unpark(owner);
    }

    /** @return a blank request whose completion is queued for the waiting thread */
    HandOff newRequest() {
        return new HandOff(this);
    }

    /**
     * Runs the queued tasks on this thread until the future, which they complete, is done.
     *
     * @param stallNanos how long to wait for the next task before giving up: a safety net in case a connection's
     *     timer cannot run; the steps themselves never pause for longer
     * @return the future's value
     * @throws MemcachedException if interrupted (the interrupt flag stays set); {@link OperationTimeout} if the
     *     net expires; otherwise the future's own failure
     */
    <T> T await(CompletableFuture<T> future, long stallNanos) {
        long deadline = System.nanoTime() + stallNanos;
        while (!future.isDone()) {
            Runnable task = tasks.poll();
            if (task != null) {
                task.run();
                deadline = System.nanoTime() + stallNanos;
                continue;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new OperationTimeout("no progress of cache() within " + stallNanos / 1_000_000
                        + " ms (the connection's timer did not fire)");
            }
            LockSupport.parkNanos(this, left);
            if (Thread.currentThread().isInterrupted()) {
                throw new MemcachedException("interrupted while waiting for memcached");
            }
        }
        return Futures.await(future);
    }

    /** A request that hands its completion to the waiting thread, as a blocking request unparks it. */
    static final class HandOff extends Request implements Runnable {
        private final CompletableFuture<Request> done = new CompletableFuture<>();
        private final CallingThread thread;

        HandOff(CallingThread thread) {
            this.thread = thread;
        }

        @Override
        protected void onDone(Deliveries deliveries) {
            thread.execute(this);
        }

        /** Completes {@link #future()}; runs on the waiting thread. */
        @Override
        public void run() {
            done.complete(this);
        }

        /** @return completed with this request, failed or not, on the waiting thread */
        CompletableFuture<Request> future() {
            return done;
        }
    }
}
