package io.memcached2.internal.transport;

import io.memcached2.ServerAddress;
import io.memcached2.internal.events.RequestEvent;
import io.memcached2.internal.protocol.Command;

/**
 * A command on its way through a connection. It completes exactly once: with its reply, or with a failure
 * (timeout, overload, connection loss). Completion happens on the connection's event-loop thread, or on the
 * submitting thread when the request is refused before it is queued. A request that timed out keeps its place in
 * the connection's queue, so its late reply is read and dropped.
 */
public abstract class Request extends Command {
    private volatile boolean done;
    private Throwable failure;
    private boolean failureShared;
    long deadlineNanos;
    /** Whether {@link #deadlineNanos} was set, by the first connection that accepted the request. */
    boolean deadlineSet;
    /** The server the request went to, for messages; set when it is submitted. */
    public String server;
    /** The server the routing layer sent the request to, for the call's events; null until it is sent. */
    public ServerAddress address;
    /** Bytes written for this request, counted by the connection that wrote it (see {@link #count}). */
    int bytesSent;
    /** Bytes of reply read for this request, counted by the connection that read it (see {@link #count}). */
    int bytesReceived;
    /** Requests this one stands for in its connection's load: 1, or the members of a {@link GetBatch}. */
    int parts = 1;
    /** The JFR event of this request while a recording takes them (see {@link RequestEvent#start()}), else null. */
    RequestEvent recorded;

    /**
     * Adds bytes to a count, stopping at {@link Integer#MAX_VALUE}: only a multi-get of gigabytes reaches it, and ints
     * keep every request object within the issue 15 bound on bytes per get.
     */
    static int count(int total, long more) {
        return (int) Math.min(Integer.MAX_VALUE, total + more);
    }

    /** @return bytes written to the server for this request; meaningful once {@link #isDone()} */
    public final long bytesSent() {
        return bytesSent;
    }

    /** @return bytes of reply read for this request; meaningful once {@link #isDone()} */
    public final long bytesReceived() {
        return bytesReceived;
    }

    /** @return whether the request has completed */
    public final boolean isDone() {
        return done;
    }

    /** @return the failure, or null if the reply arrived; meaningful once {@link #isDone()} */
    public final Throwable failure() {
        return failure;
    }

    /**
     * @return whether {@link #failure()} is one instance shared by many requests (made once on an I/O thread, for a
     *     connection loss or a sweep of timeouts): its caller should get a copy of its own, naming its request
     */
    public final boolean failureShared() {
        return failureShared;
    }

    /** Completes with the decoded reply; ignored if already complete (a late reply after a timeout). */
    final void succeed(Deliveries deliveries) {
        if (!done) {
            done = true;
            record();
            onDone(deliveries);
        }
    }

    /**
     * Completes with a failure made for this request; ignored if already complete.
     *
     * @param deliveries where asynchronous completions go, or null to complete on this thread (never null on an
     *     I/O thread)
     */
    public final void fail(Throwable cause, Deliveries deliveries) {
        if (!done) {
            failure = cause;
            done = true;
            record();
            onDone(deliveries);
        }
    }

    /** Completes with a failure that other requests share; see {@link #failureShared()}. */
    final void failShared(Throwable cause, Deliveries deliveries) {
        if (!done) {
            failureShared = true;
            fail(cause, deliveries);
        }
    }

    /** Ends the JFR event when one was begun at submission. */
    private void record() {
        if (recorded != null) {
            recorded.finish(
                    op() == null ? "" : io.memcached2.internal.events.TransportEvents.command(op()),
                    server,
                    keyCount(),
                    bytesSent,
                    bytesReceived,
                    failure);
            recorded = null;
        }
    }

    /** Wakes whoever waits for this request. */
    protected abstract void onDone(Deliveries deliveries);
}
