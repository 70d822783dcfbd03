package io.memcached2.internal.placement;

import io.memcached2.routing.Hasher;

/**
 * python-memcached's {@code cmemcache_hash}: {@code ((crc32 >> 16) & 0x7fff) or 1}, a 15-bit value never 0.
 * Also the default hasher of the original python-memcached2 ({@code HasherCMemcache}).
 */
public final class CMemcacheHasher implements Hasher {
    /** The shared instance. */
    public static final CMemcacheHasher INSTANCE = new CMemcacheHasher();

    private CMemcacheHasher() {}

    @Override
    public long hash(byte[] key) {
        return hash(key, 0, key.length);
    }

    @Override
    public long hash(byte[] bytes, int offset, int length) {
        long h = (Crc32Hasher.crc32(bytes, offset, length) >>> 16) & 0x7fff;
        return h == 0 ? 1 : h;
    }

    @Override
    public String toString() {
        return "cmemcache";
    }
}
