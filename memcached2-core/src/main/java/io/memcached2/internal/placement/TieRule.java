package io.memcached2.internal.placement;

import java.util.Arrays;
import java.util.Comparator;

/** Which server owns a ring point that several servers hashed to; each client we match has its own rule. */
enum TieRule {
    /** libmemcached sorts points by (value, server index): the lower index wins. Also used for twemproxy. */
    LOWER_INDEX {
        @Override
        int pick(long point, int[] owners, int count, String[] names) {
            int min = owners[0];
            for (int i = 1; i < count; i++) {
                min = Math.min(min, owners[i]);
            }
            return min;
        }
    },
    /** spymemcached fills a TreeMap, so the point added last (the later server in the list) wins. */
    LATER_INSERTED {
        @Override
        int pick(long point, int[] owners, int count, String[] names) {
            return owners[count - 1];
        }
    },
    /**
     * xmemcached keeps every server of a point in a list sorted by node string and takes
     * {@code list[point % size]}.
     */
    XMEMCACHED {
        @Override
        int pick(long point, int[] owners, int count, String[] names) {
            Integer[] list = new Integer[count];
            for (int i = 0; i < count; i++) {
                list[i] = owners[i];
            }
            // A stable sort keeps insertion order among equal names, as Collections.sort does.
            Arrays.sort(list, Comparator.comparing(o -> names[o]));
            return list[(int) (point % count)];
        }
    };

    /**
     * @param point the shared point, unsigned
     * @param owners the servers that hashed to it, in insertion order
     * @param count how many entries of {@code owners} are used
     * @param names the servers' node strings
     * @return the owning server index
     */
    abstract int pick(long point, int[] owners, int count, String[] names);
}
