package io.memcached2;

import io.memcached2.internal.transport.Request;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Merges the per-server parts of a multi-get into one map of hits. */
final class MultiGets {
    private MultiGets() {
    }

    static <V> Map<String, V> values(List<? extends Request> parts, Outcomes<V> outcomes) {
        Map<String, V> hits = new LinkedHashMap<>();
        for (Request r : parts) {
            Outcomes.OK.map(r);
            for (int i = 0; i < r.keys.length; i++) {
                if (r.values[i] != null) {
                    hits.put(r.keys[i], outcomes.decode(r.valueFlags[i], r.values[i]));
                }
            }
        }
        return hits;
    }

    static <V> Map<String, Item<V>> items(List<? extends Request> parts, Outcomes<V> outcomes) {
        Map<String, Item<V>> hits = new LinkedHashMap<>();
        for (Request r : parts) {
            Outcomes.OK.map(r);
            for (int i = 0; i < r.keys.length; i++) {
                if (r.values[i] != null) {
                    hits.put(r.keys[i], new Item<>(r.keys[i], outcomes.decode(r.valueFlags[i], r.values[i]),
                            r.valueFlags[i], r.valueCas[i]));
                }
            }
        }
        return hits;
    }
}
