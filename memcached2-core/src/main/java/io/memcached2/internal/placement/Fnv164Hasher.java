package io.memcached2.internal.placement;

import io.memcached2.routing.Hasher;

/**
 * 64-bit FNV-1 over unsigned octets, truncated to its low 32 bits as libmemcached's {@code fnv1_64}, spymemcached's
 * {@code FNV1_64_HASH} and xmemcached's do, so it can place keys on a 32-bit ring.
 */
public final class Fnv164Hasher implements Hasher {
    /** The shared instance. */
    public static final Fnv164Hasher INSTANCE = new Fnv164Hasher();

    static final long OFFSET_BASIS = 0xcbf29ce484222325L;
    static final long PRIME = 0x100000001b3L;

    private Fnv164Hasher() {}

    @Override
    public long hash(byte[] key) {
        return hash(key, 0, key.length);
    }

    @Override
    public long hash(byte[] bytes, int offset, int length) {
        long h = OFFSET_BASIS;
        for (int i = offset, end = offset + length; i < end; i++) {
            h *= PRIME;
            h ^= bytes[i] & 0xff;
        }
        return h & 0xffffffffL;
    }

    @Override
    public String toString() {
        return "fnv1_64";
    }
}
