package io.memcached2;

import io.memcached2.internal.transport.Request;
import java.util.LinkedHashMap;
import java.util.Map;

/** Collects the outcomes of a pipelined multi-key store. */
final class MultiStores {
    private MultiStores() {
    }

    /**
     * @return every key's outcome
     * @throws MultiStorageException if any key failed, carrying every outcome
     */
    static Map<String, StoreResult> results(Map<String, ? extends Request> requests) {
        Map<String, StoreResult> results = new LinkedHashMap<>();
        Throwable first = null;
        int failed = 0;
        for (Map.Entry<String, ? extends Request> e : requests.entrySet()) {
            try {
                results.put(e.getKey(), Outcomes.STORE_RESULT.map(e.getValue()));
            } catch (RuntimeException err) {
                results.put(e.getKey(), StoreResult.FAILED);
                failed++;
                if (first == null) {
                    first = err;
                }
            }
        }
        if (first != null) {
            throw new MultiStorageException(failed + " of " + requests.size() + " stores failed; first: "
                    + first.getMessage(), results, first);
        }
        return results;
    }
}
