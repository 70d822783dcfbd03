package io.memcached2.internal.placement;

import io.memcached2.routing.Hasher;
import io.memcached2.routing.Placement;
import java.util.function.IntPredicate;

/** Where a ring sends a key whose primary server is down. */
enum RingFailover {
    /** Walk clockwise to the next point whose server is up. */
    NEXT_POINT {
        @Override
        int fallback(Continuum ring, Hasher hasher, byte[] key, long hash, int position, IntPredicate up) {
            int size = ring.size();
            for (int step = 1; step < size; step++) {
                int owner = ring.owner((position + step) % size);
                if (up.test(owner)) {
                    return owner;
                }
            }
            return Placement.NONE;
        }
    },
    /**
     * spymemcached's {@code KetamaIterator} (FailureMode.Redistribute): seven lookups in all, the hash moving by
     * {@code (int) hash(t + key)} for t = 0, 1, … after each; the first is the down primary. When all seven are
     * down spymemcached queues on the primary anyway; here the key gets {@link Placement#NONE}.
     */
    SPYMEMCACHED {
        @Override
        int fallback(Continuum ring, Hasher hasher, byte[] key, long hash, int position, IntPredicate up) {
            long h = hash;
            for (int t = 0; t < 6; t++) {
                h = (h + (int) Rehash.withPrefix(hasher, t, key)) & 0xffffffffL;
                int owner = ring.owner(ring.lowerBound(h));
                if (up.test(owner)) {
                    return owner;
                }
            }
            return Placement.NONE;
        }
    },
    /**
     * xmemcached's {@code nextHash}: up to one retry per server, the hash moving by {@code (int) hash(tries + key)}
     * for tries = 1, 2, ….
     */
    XMEMCACHED {
        @Override
        int fallback(Continuum ring, Hasher hasher, byte[] key, long hash, int position, IntPredicate up) {
            long h = hash;
            for (int tries = 1; tries <= ring.servers(); tries++) {
                h = (h + (int) Rehash.withPrefix(hasher, tries, key)) & 0xffffffffL;
                int owner = ring.owner(ring.lowerBound(h));
                if (up.test(owner)) {
                    return owner;
                }
            }
            return Placement.NONE;
        }
    },
    /** No failover: a key whose primary is down has no server. */
    OFF {
        @Override
        int fallback(Continuum ring, Hasher hasher, byte[] key, long hash, int position, IntPredicate up) {
            return Placement.NONE;
        }
    };

    /**
     * @param ring the ring
     * @param hasher the key hasher
     * @param key the key
     * @param hash the key's hash
     * @param position the primary's position on the ring
     * @param up which servers are up
     * @return the server to use instead of the down primary, or {@link Placement#NONE}
     */
    abstract int fallback(Continuum ring, Hasher hasher, byte[] key, long hash, int position, IntPredicate up);
}
