package io.memcached2.internal.placement;

import io.memcached2.routing.Hasher;
import io.memcached2.routing.Placement;
import java.util.function.IntPredicate;

/** The lookup side of {@link ConsistentHashingSelector}, step for step as the seed walks its bucket list. */
final class BucketPlacement implements Placement {
    private final long[] hashes; // sorted, sign bit flipped
    private final int[] owners;
    private final int servers;
    private final Hasher hasher;

    BucketPlacement(long[] hashes, int[] owners, int servers, Hasher hasher) {
        this.hashes = hashes;
        this.owners = owners;
        this.servers = servers;
        this.hasher = hasher;
    }

    @Override
    public int select(byte[] key, IntPredicate up) {
        long h = hasher.hash(key) ^ Long.MIN_VALUE;
        int len = hashes.length;
        int offset = bisectRight(h);
        TriedServers tried = null;
        int triedCount = 0;
        for (int i = 0; i < len && triedCount < servers; i++) {
            int at = (offset + i) % len;
            // The seed sends a key below the first bucket to the last bucket first.
            int bucket = at == 0 && h < hashes[0] ? len - 1 : at;
            int server = owners[bucket];
            if (tried != null && tried.contains(server)) {
                continue;
            }
            if (up.test(server)) {
                return server;
            }
            if (tried == null) {
                tried = TriedServers.empty(servers);
            }
            tried.add(server);
            triedCount++;
        }
        return NONE;
    }

    /** Python's {@code bisect_right(buckets, (h, 0))} over (hash, server) pairs. */
    private int bisectRight(long h) {
        int lo = 0;
        int hi = hashes.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            boolean atOrBelow = hashes[mid] < h || (hashes[mid] == h && owners[mid] == 0);
            if (atOrBelow) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
