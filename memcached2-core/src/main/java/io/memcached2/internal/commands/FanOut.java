package io.memcached2.internal.commands;

import io.memcached2.event.Outcome;
import io.memcached2.internal.transport.Request;
import java.util.Collection;
import java.util.function.Supplier;

/**
 * A command of several requests sent together (to every server, one per key, or one per server of a multi-key get)
 * and gathered into one result. The table makes one per call; an executor sends it, waits in its own way, and merges.
 *
 * @param <T> the result type
 */
public abstract class FanOut<T> {
    final String name;
    final int keyCount;

    FanOut(String name, int keys) {
        this.name = name;
        this.keyCount = keys;
    }

    /**
     * Prepares every request, then sends them all: a bad argument throws before anything is sent.
     *
     * @param make makes a blank request of the executor's kind
     * @return the requests sent
     */
    abstract Collection<? extends Request> send(Supplier<Request> make);

    /**
     * @return the call's result, from its requests once complete (the blocking client's: or past the call's bound)
     * @throws RuntimeException what the caller should see
     */
    abstract T merge();

    /** @return how a successful call reads in events */
    Outcome outcome(T result) {
        return Outcome.OK;
    }

    /** @return for a retrieval, how many keys were found */
    int hits(T result) {
        return 0;
    }
}
