package io.memcached2.internal.placement;

import io.memcached2.ServerAddress;
import io.memcached2.routing.Placement;
import io.memcached2.routing.Selector;
import java.util.List;

/**
 * python-memcached 1.59's placement: a bucket list with each server repeated {@code weight} times,
 * {@code buckets[cmemcache_hash(key) % len]}; while the chosen server is down, up to 10 tries in all with the hash
 * replaced by {@code cmemcache_hash(str(h) + str(i))}.
 */
public final class PythonMemcachedSelector implements Selector {
    /** The shared instance. */
    public static final PythonMemcachedSelector INSTANCE = new PythonMemcachedSelector();

    private static final int TRIES = 10;

    private PythonMemcachedSelector() {}

    @Override
    public Placement place(List<ServerAddress> servers) {
        int total = 0;
        for (ServerAddress s : servers) {
            total += s.weight();
        }
        int[] buckets = new int[total];
        int b = 0;
        for (int idx = 0; idx < servers.size(); idx++) {
            for (int w = 0; w < servers.get(idx).weight(); w++) {
                buckets[b++] = idx;
            }
        }
        return (key, up) -> {
            long h = CMemcacheHasher.INSTANCE.hash(key);
            for (int i = 0; i < TRIES; i++) {
                int server = buckets[(int) (h % buckets.length)];
                if (up.test(server)) {
                    return server;
                }
                h = Rehash.ofNumbers(CMemcacheHasher.INSTANCE, h, i);
            }
            return Placement.NONE;
        };
    }

    @Override
    public String toString() {
        return "pythonMemcached";
    }
}
