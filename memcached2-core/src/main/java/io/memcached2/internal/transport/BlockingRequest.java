package io.memcached2.internal.transport;

import io.memcached2.MemcachedException;
import io.memcached2.OperationTimeout;
import java.util.concurrent.locks.LockSupport;

/** A request whose caller parks until it completes: no future, no callback, nothing run on the I/O thread. */
public final class BlockingRequest extends Request {
    private volatile Thread waiter;

    @Override
    protected void onDone(Deliveries deliveries) {
        Thread t = waiter;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /**
     * Waits until the request completes. The connection enforces the operation timeout; {@code maxNanos} is only
     * a safety net in case the connection's timer cannot run.
     *
     * @throws MemcachedException if interrupted (the interrupt flag stays set) or the safety net expires
     */
    public void await(long maxNanos) {
        if (isDone()) {
            return;
        }
        waiter = Thread.currentThread();
        long deadline = System.nanoTime() + maxNanos;
        while (!isDone()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new OperationTimeout("no completion of " + describe() + " within " + (maxNanos / 1_000_000)
                        + " ms (the connection's timer did not fire)");
            }
            LockSupport.parkNanos(this, left);
            if (Thread.currentThread().isInterrupted()) {
                throw new MemcachedException("interrupted while waiting for " + describe());
            }
        }
    }
}
