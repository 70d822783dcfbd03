package io.memcached2.internal.commands;

import io.memcached2.Item;
import io.memcached2.MultiRetrieveException;
import io.memcached2.internal.transport.Request;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Merges the per-server parts of a multi-get into one map of hits, keeping the hits when some servers fail. */
public final class MultiGets {
    /** Turns one hit of a part into the caller's value type. */
    private interface Hit<T> {
        T at(Request part, int index);
    }

    private MultiGets() {}

    public static <V> Map<String, V> values(
            Collection<String> keys, List<? extends Request> parts, Outcomes<V> outcomes) {
        return inCallersOrder(keys, parts, merge(parts, (r, i) -> outcomes.decode(r.flagsAt(i), r.valueAt(i))));
    }

    public static <V> Map<String, Item<V>> items(
            Collection<String> keys, List<? extends Request> parts, Outcomes<V> outcomes) {
        return inCallersOrder(
                keys,
                parts,
                merge(
                        parts,
                        (r, i) -> new Item<>(
                                r.keys()[i], outcomes.decode(r.flagsAt(i), r.valueAt(i)), r.flagsAt(i), r.casAt(i))));
    }

    /** Parts come back grouped by server; the caller asked in an order of its own. */
    private static <T> Map<String, T> inCallersOrder(
            Collection<String> keys, List<? extends Request> parts, Map<String, T> hits) {
        if (parts.size() < 2) {
            return hits;
        }
        Map<String, T> ordered = new LinkedHashMap<>(hits.size() * 2);
        for (String key : keys) {
            T hit = hits.get(key);
            if (hit != null) {
                ordered.put(key, hit);
            }
        }
        return ordered;
    }

    private static <T> Map<String, T> merge(List<? extends Request> parts, Hit<T> hit) {
        int keyCount = 0;
        for (Request r : parts) {
            keyCount += r.keys().length;
        }
        // Sized for every key a hit, so a large multi-get never rehashes its results.
        Map<String, T> hits = new LinkedHashMap<>((int) (keyCount / 0.75f) + 1);
        Map<String, Throwable> failures = null;
        RuntimeException first = null;
        int failedParts = 0;
        for (Request r : parts) {
            try {
                Outcomes.OK.map(r);
            } catch (RuntimeException e) {
                failedParts++;
                if (first == null) {
                    first = e;
                    failures = new LinkedHashMap<>();
                }
                for (String key : r.keys()) {
                    failures.put(key, e);
                }
                continue;
            }
            String[] keys = r.keys();
            for (int i = 0; i < keys.length; i++) {
                if (r.valueAt(i) != null) {
                    hits.put(keys[i], hit.at(r, i));
                }
            }
        }
        if (first != null && failedParts == parts.size()) {
            throw first;
        }
        if (first != null) {
            throw new MultiRetrieveException(
                    failures.size() + " keys could not be read (" + first.getMessage() + "); " + hits.size()
                            + " hits from the servers that answered",
                    hits,
                    failures,
                    first);
        }
        return hits;
    }
}
