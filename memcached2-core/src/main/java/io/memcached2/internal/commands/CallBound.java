package io.memcached2.internal.commands;

import io.memcached2.OperationTimeout;
import io.memcached2.internal.transport.BlockingRequest;
import io.memcached2.internal.transport.ReplyMapper;
import io.memcached2.internal.transport.Request;
import java.time.Duration;
import java.util.Collection;

/**
 * The bound of the blocking calls that wait for several requests, or for one request in several steps: each step
 * ends within the longest a request lives (the connect timeout, while a connection is being made, then the
 * operation timeout) plus {@link #MARGIN} of its start, counted on the calling thread's own clock,
 * whatever the connection's timer and the callback executor do. A request not complete by then is reported as
 * timed out; it keeps its place on its connection, which reads and drops its late reply.
 */
public final class CallBound {
    /** What a step may take past the operation timeout: the connection timer's tick and thread scheduling. */
    static final Duration MARGIN = Duration.ofMillis(250);

    private final long stepNanos;

    /** @param requestLifetimeNanos the longest a request lives, see {@code Settings.requestLifetimeNanos()} */
    CallBound(long requestLifetimeNanos) {
        this.stepNanos = requestLifetimeNanos + MARGIN.toNanos();
    }

    /** Waits until every request is complete or one step's bound has passed, whichever comes first. */
    void awaitAll(Collection<? extends Request> requests) {
        long deadline = System.nanoTime() + stepNanos;
        for (Request r : requests) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            waitFor((BlockingRequest) r, left);
        }
    }

    /**
     * Waits until the request is complete or one step's bound has passed.
     *
     * @return the request
     */
    BlockingRequest await(BlockingRequest r) {
        waitFor(r, stepNanos);
        return r;
    }

    private static void waitFor(BlockingRequest r, long nanos) {
        try {
            r.await(nanos);
        } catch (OperationTimeout expired) {
            // reported by outcome(), with the other requests of the call
        }
    }

    /**
     * @return the request's outcome as the mapper reads it
     * @throws OperationTimeout if the request is not complete (its call's bound passed), else what the mapper throws
     */
    public static <T> T outcome(Request r, ReplyMapper<T> mapper) {
        if (!r.isDone()) {
            throw new OperationTimeout("server " + r.server + ": no reply to " + r.describe() + " within the "
                    + "connect and operation timeouts plus " + MARGIN.toMillis()
                    + " ms; the blocking call stopped waiting");
        }
        return mapper.map(r);
    }
}
