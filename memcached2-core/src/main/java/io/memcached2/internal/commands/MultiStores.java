package io.memcached2.internal.commands;

import io.memcached2.MultiStorageException;
import io.memcached2.Store;
import io.memcached2.StoreResult;
import io.memcached2.internal.protocol.Op;
import io.memcached2.internal.routing.Engine;
import io.memcached2.internal.transport.Request;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** Sends a pipelined multi-key store and collects its outcomes; shared by the blocking and asynchronous clients. */
public final class MultiStores {
    private MultiStores() {}

    /**
     * Prepares a set for every key, then sends them all: a bad key or value throws before anything is sent.
     *
     * @return the requests by key, in the order given
     */
    public static <V, R extends Request> Map<String, R> send(
            Engine engine, StorePreparer<V> stores, Map<String, V> values, Store options, Supplier<R> make) {
        Map<String, R> requests = new LinkedHashMap<>();
        for (Map.Entry<String, V> e : values.entrySet()) {
            requests.put(e.getKey(), stores.prepare(make.get(), Op.SET, e.getKey(), e.getValue(), options, 0));
        }
        requests.values().forEach(engine::send);
        return requests;
    }

    /**
     * @return every key's outcome
     * @throws MultiStorageException if any key failed (or was not complete in time), carrying every outcome
     */
    public static Map<String, StoreResult> results(Map<String, ? extends Request> requests) {
        Map<String, StoreResult> results = new LinkedHashMap<>();
        Throwable first = null;
        int failed = 0;
        for (Map.Entry<String, ? extends Request> e : requests.entrySet()) {
            try {
                results.put(e.getKey(), CallBound.outcome(e.getValue(), Outcomes.STORE_RESULT));
            } catch (RuntimeException err) {
                results.put(e.getKey(), StoreResult.FAILED);
                failed++;
                if (first == null) {
                    first = err;
                }
            }
        }
        if (first != null) {
            throw new MultiStorageException(
                    failed + " of " + requests.size() + " stores failed; first: " + first.getMessage(), results, first);
        }
        return results;
    }
}
