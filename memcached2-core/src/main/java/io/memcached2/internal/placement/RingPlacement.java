package io.memcached2.internal.placement;

import io.memcached2.routing.Hasher;
import io.memcached2.routing.Placement;
import java.util.function.IntPredicate;

/** Keys placed on a {@link Continuum}: the first point at or after the key's hash, then the failover rule. */
final class RingPlacement implements Placement {
    private final Continuum ring;
    private final Hasher hasher;
    private final RingFailover failover;

    RingPlacement(Continuum ring, Hasher hasher, RingFailover failover) {
        this.ring = ring;
        this.hasher = hasher;
        this.failover = failover;
    }

    @Override
    public int select(byte[] key, IntPredicate up) {
        if (ring.size() == 0) {
            return NONE;
        }
        long hash = hasher.hash(key);
        int position = ring.lowerBound(hash);
        int primary = ring.owner(position);
        if (up.test(primary)) {
            return primary;
        }
        return failover.fallback(ring, hasher, key, hash, position, up);
    }
}
