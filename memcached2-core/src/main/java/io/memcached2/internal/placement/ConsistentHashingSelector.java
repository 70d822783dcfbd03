package io.memcached2.internal.placement;

import io.memcached2.ServerAddress;
import io.memcached2.routing.Hasher;
import io.memcached2.routing.Placement;
import io.memcached2.routing.Selector;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * python-memcached2's {@code SelectorConsistentHashing}: bucket {@code i} sits at {@code hash(str(i))} and belongs
 * to server {@code i % n} (a later bucket wins a shared hash); a key takes the bucket found by the seed's
 * {@code bisect_right(buckets, (hash, 0))} walk, skipping servers already tried, until one is up. Unlike the seed,
 * the bucket count is honoured (the seed always uses n²).
 */
public final class ConsistentHashingSelector implements Selector {
    private final int buckets;
    private final Hasher hasher;

    /**
     * @param buckets how many buckets, at least 1; 0 means n² for n servers, the seed's default
     * @param hasher the key hasher (the seed's default is cmemcache)
     */
    public ConsistentHashingSelector(int buckets, Hasher hasher) {
        if (buckets < 0) {
            throw new IllegalArgumentException(
                    "invalid bucket count " + buckets + ": must be at least 1 (or 0 for n²)");
        }
        this.buckets = buckets;
        this.hasher = Objects.requireNonNull(hasher, "hasher");
    }

    @Override
    public Placement place(List<ServerAddress> servers) {
        int n = servers.size();
        int count = buckets == 0 ? n * n : buckets;
        // Sort keys are the hashes with the sign bit flipped, so signed order is unsigned order.
        long[] packed = new long[count];
        for (int i = 0; i < count; i++) {
            byte[] text = Integer.toString(i).getBytes(StandardCharsets.US_ASCII);
            packed[i] = hasher.hash(text) ^ Long.MIN_VALUE;
        }
        long[] order = new long[count];
        int[] owner = new int[count];
        int distinct = distinctSorted(packed, order, owner, n);
        long[] hashes = Arrays.copyOf(order, distinct);
        int[] owners = Arrays.copyOf(owner, distinct);
        return new BucketPlacement(hashes, owners, n, hasher);
    }

    /** Sorts bucket hashes, keeping for a shared hash the owner of the latest bucket (the seed's dict rule). */
    private static int distinctSorted(long[] packed, long[] hashes, int[] owners, int n) {
        Integer[] byHash = new Integer[packed.length];
        for (int i = 0; i < byHash.length; i++) {
            byHash[i] = i;
        }
        Arrays.sort(
                byHash, (a, b) -> packed[a] != packed[b] ? Long.compare(packed[a], packed[b]) : Integer.compare(a, b));
        int distinct = 0;
        for (int k = 0; k < byHash.length; k++) {
            int bucket = byHash[k];
            if (distinct > 0 && hashes[distinct - 1] == packed[bucket]) {
                owners[distinct - 1] = bucket % n;
            } else {
                hashes[distinct] = packed[bucket];
                owners[distinct] = bucket % n;
                distinct++;
            }
        }
        return distinct;
    }

    @Override
    public String toString() {
        return "consistentHashing(" + (buckets == 0 ? "n²" : buckets) + ", " + hasher + ")";
    }
}
