package io.memcached2.internal.placement;

import io.memcached2.routing.Hasher;

/**
 * 64-bit FNV-1a over unsigned octets, truncated to its low 32 bits as libmemcached's {@code fnv1a_64},
 * spymemcached's {@code FNV1A_64_HASH} and xmemcached's do. Not twemproxy's {@code fnv1a_64}: see
 * {@link TwemproxyFnv1a64Hasher}.
 */
public final class Fnv1a64Hasher implements Hasher {
    /** The shared instance. */
    public static final Fnv1a64Hasher INSTANCE = new Fnv1a64Hasher();

    private Fnv1a64Hasher() {}

    @Override
    public long hash(byte[] key) {
        return hash(key, 0, key.length);
    }

    @Override
    public long hash(byte[] bytes, int offset, int length) {
        long h = Fnv164Hasher.OFFSET_BASIS;
        for (int i = offset, end = offset + length; i < end; i++) {
            h ^= bytes[i] & 0xff;
            h *= Fnv164Hasher.PRIME;
        }
        return h & 0xffffffffL;
    }

    @Override
    public String toString() {
        return "fnv1a_64";
    }
}
