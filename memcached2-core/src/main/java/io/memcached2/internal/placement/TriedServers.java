package io.memcached2.internal.placement;

import java.util.Arrays;

/**
 * A per-thread bit set of server indexes, for failover loops that must skip servers already tried without
 * allocating on every request.
 */
final class TriedServers {
    private static final ThreadLocal<TriedServers> PER_THREAD = ThreadLocal.withInitial(TriedServers::new);

    private long[] bits = new long[4];

    private TriedServers() {}

    /** @return this thread's set, emptied, with room for {@code servers} indexes; valid until the next call */
    static TriedServers empty(int servers) {
        TriedServers set = PER_THREAD.get();
        int words = (servers + 63) >>> 6;
        if (set.bits.length < words) {
            set.bits = new long[words];
        } else {
            Arrays.fill(set.bits, 0, words, 0L);
        }
        return set;
    }

    void add(int server) {
        bits[server >>> 6] |= 1L << server;
    }

    boolean contains(int server) {
        return (bits[server >>> 6] & 1L << server) != 0;
    }

    /** @return the {@code n}-th server index (from 0) not in the set, counting among {@code servers} */
    int nthAbsent(int n, int servers) {
        int seen = 0;
        for (int s = 0; s < servers; s++) {
            if (!contains(s) && seen++ == n) {
                return s;
            }
        }
        throw new IllegalArgumentException("no " + n + "-th untried server among " + servers);
    }
}
