package io.memcached2.internal.placement;

import io.memcached2.routing.Hasher;

/** 32-bit FNV-1a over unsigned octets, as the FNV reference code (and libhashkit for ASCII keys) computes it. */
public final class Fnv1a32Hasher implements Hasher {
    /** The shared instance. */
    public static final Fnv1a32Hasher INSTANCE = new Fnv1a32Hasher();

    private Fnv1a32Hasher() {}

    @Override
    public long hash(byte[] key) {
        return hash(key, 0, key.length);
    }

    @Override
    public long hash(byte[] bytes, int offset, int length) {
        int h = 0x811c9dc5;
        for (int i = offset, end = offset + length; i < end; i++) {
            h ^= bytes[i] & 0xff;
            h *= 0x01000193;
        }
        return h & 0xffffffffL;
    }

    @Override
    public String toString() {
        return "fnv1a32";
    }
}
