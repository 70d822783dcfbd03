package io.memcached2.internal.placement;

import io.memcached2.routing.Hasher;

/** Hashes every key to 0, like python-memcached2's {@code HasherZero}; for a single server. */
public final class ZeroHasher implements Hasher {
    /** The shared instance. */
    public static final ZeroHasher INSTANCE = new ZeroHasher();

    private ZeroHasher() {}

    @Override
    public long hash(byte[] key) {
        return 0;
    }

    @Override
    public long hash(byte[] bytes, int offset, int length) {
        return 0;
    }

    @Override
    public String toString() {
        return "zero";
    }
}
