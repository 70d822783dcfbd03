package io.memcached2.internal.commands;

import io.memcached2.MultiDeleteException;
import io.memcached2.internal.routing.Engine;
import io.memcached2.internal.transport.Request;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** Sends a pipelined multi-key delete and collects its outcomes; shared by the blocking and asynchronous clients. */
public final class MultiDeletes {
    private MultiDeletes() {}

    /**
     * Prepares one delete per distinct key, then sends them all: a bad key throws before anything is sent.
     *
     * @return the requests by key, in the order given
     */
    public static <R extends Request> Map<String, R> send(Engine engine, Collection<String> keys, Supplier<R> make) {
        Map<String, R> requests = new LinkedHashMap<>();
        for (String key : keys) {
            if (!requests.containsKey(key)) {
                R r = make.get();
                r.delete(key, engine.keyForm(key), 0);
                requests.put(key, r);
            }
        }
        requests.values().forEach(engine::send);
        return requests;
    }

    /**
     * @return for each key, true if it was deleted and false if it was absent
     * @throws MultiDeleteException if some keys failed (or were not complete in time), with every other key's answer
     * @throws RuntimeException the first failure, if every key failed
     */
    public static Map<String, Boolean> results(Map<String, ? extends Request> requests) {
        Map<String, Boolean> results = new LinkedHashMap<>();
        Map<String, Throwable> failures = null;
        RuntimeException first = null;
        for (Map.Entry<String, ? extends Request> e : requests.entrySet()) {
            try {
                results.put(e.getKey(), CallBound.outcome(e.getValue(), Outcomes.DELETED));
            } catch (RuntimeException err) {
                if (first == null) {
                    first = err;
                    failures = new LinkedHashMap<>();
                }
                failures.put(e.getKey(), err);
            }
        }
        if (first == null) {
            return results;
        }
        if (results.isEmpty()) {
            throw first;
        }
        throw new MultiDeleteException(
                failures.size() + " of " + requests.size() + " deletes failed (first: " + first.getMessage() + "); "
                        + results.size() + " keys answered",
                results,
                failures,
                first);
    }
}
