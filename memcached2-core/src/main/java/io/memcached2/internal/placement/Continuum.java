package io.memcached2.internal.placement;

import java.util.Arrays;

/**
 * A hash ring: sorted 32-bit points, each owned by a server index. Lookup is a binary search over a plain
 * {@code int[]}, so it allocates nothing. Points compare as unsigned numbers.
 */
final class Continuum {
    // Stored with the sign bit flipped, so that signed int order is the unsigned order of the real points.
    private final int[] points;
    private final int[] owners;
    private final int servers;

    private Continuum(int[] points, int[] owners, int servers) {
        this.points = points;
        this.owners = owners;
        this.servers = servers;
    }

    /** @return the number of servers the ring was built for */
    int servers() {
        return servers;
    }

    /** @return the number of distinct points */
    int size() {
        return points.length;
    }

    /** @return the server index owning the point at {@code position} */
    int owner(int position) {
        return owners[position];
    }

    /**
     * @param hash an unsigned 32-bit hash
     * @return the position of the first point {@code >= hash}, wrapping to 0 past the last point (ketama's lookup);
     *     the ring must not be empty
     */
    int lowerBound(long hash) {
        int key = (int) hash ^ Integer.MIN_VALUE;
        int lo = 0;
        int hi = points.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (points[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo == points.length ? 0 : lo;
    }

    /** Collects points in insertion order, then sorts them and resolves points that several servers share. */
    static final class Builder {
        private long[] entries = new long[1024];
        private int[] ownerBySeq = new int[1024];
        private int count;

        /** Adds a point for a server; insertion order matters only to {@link TieRule#LATER_INSERTED}. */
        void add(long point, int owner) {
            if (count == entries.length) {
                entries = Arrays.copyOf(entries, count * 2);
                ownerBySeq = Arrays.copyOf(ownerBySeq, count * 2);
            }
            // Packing (point with its sign bit flipped, insertion sequence) into one long makes a signed sort order
            // the points as unsigned numbers, then by insertion order.
            entries[count] = (((int) point ^ Integer.MIN_VALUE) & 0xffffffffL) << 32 | count;
            ownerBySeq[count] = owner;
            count++;
        }

        Continuum build(TieRule ties, String[] names) {
            long[] sorted = Arrays.copyOf(entries, count);
            Arrays.sort(sorted);
            int[] points = new int[count];
            int[] owners = new int[count];
            int[] group = new int[count];
            int distinct = 0;
            for (int i = 0; i < count; ) {
                int flipped = (int) (sorted[i] >>> 32);
                int size = 0;
                for (; i < count && (int) (sorted[i] >>> 32) == flipped; i++) {
                    group[size++] = ownerBySeq[(int) sorted[i]];
                }
                points[distinct] = flipped;
                owners[distinct] = ties.pick((flipped ^ Integer.MIN_VALUE) & 0xffffffffL, group, size, names);
                distinct++;
            }
            return new Continuum(Arrays.copyOf(points, distinct), Arrays.copyOf(owners, distinct), names.length);
        }
    }
}
