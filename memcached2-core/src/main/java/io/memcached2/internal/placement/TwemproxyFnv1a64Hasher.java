package io.memcached2.internal.placement;

import io.memcached2.routing.Hasher;

/**
 * twemproxy's {@code fnv1a_64}, its default hash, which is not 64-bit FNV-1a: it keeps a 32-bit state seeded with the
 * low half of the 64-bit offset basis ({@code 0x84222325}), multiplies by {@code 0x1b3} modulo 2^32 and XORs each byte
 * as a C {@code signed char} (nc_fnv.c).
 */
public final class TwemproxyFnv1a64Hasher implements Hasher {
    /** The shared instance. */
    public static final TwemproxyFnv1a64Hasher INSTANCE = new TwemproxyFnv1a64Hasher();

    private TwemproxyFnv1a64Hasher() {}

    @Override
    public long hash(byte[] key) {
        return hash(key, 0, key.length);
    }

    @Override
    public long hash(byte[] bytes, int offset, int length) {
        int h = 0x84222325;
        for (int i = offset, end = offset + length; i < end; i++) {
            h ^= bytes[i];
            h *= 0x1b3;
        }
        return h & 0xffffffffL;
    }

    @Override
    public String toString() {
        return "twemproxyFnv1a64";
    }
}
