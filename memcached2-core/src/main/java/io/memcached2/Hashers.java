package io.memcached2;

import io.memcached2.internal.placement.CMemcacheHasher;
import io.memcached2.internal.placement.Crc32Hasher;
import io.memcached2.internal.placement.Fnv164Hasher;
import io.memcached2.internal.placement.Fnv1a32Hasher;
import io.memcached2.internal.placement.Fnv1a64Hasher;
import io.memcached2.internal.placement.Md5Hasher;
import io.memcached2.internal.placement.Murmur3Hasher;
import io.memcached2.internal.placement.OneAtATimeHasher;
import io.memcached2.internal.placement.TwemproxyFnv1a64Hasher;
import io.memcached2.internal.placement.ZeroHasher;
import io.memcached2.routing.Hasher;

/** The built-in key hashers. Each is stateless, thread-safe and allocates nothing per call. */
public final class Hashers {
    private Hashers() {}

    /** @return every key hashes to 0 (python-memcached2's HasherZero, for one server) */
    public static Hasher zero() {
        return ZeroHasher.INSTANCE;
    }

    /** @return python-memcached's {@code cmemcache_hash}: {@code ((crc32 >> 16) & 0x7fff) or 1} */
    public static Hasher cmemcache() {
        return CMemcacheHasher.INSTANCE;
    }

    /** @return CRC-32 (zlib, {@code binascii.crc32}), unsigned */
    public static Hasher crc32() {
        return Crc32Hasher.INSTANCE;
    }

    /** @return libmemcached's default one-at-a-time hash (bytes as signed char) */
    public static Hasher oneAtATime() {
        return OneAtATimeHasher.INSTANCE;
    }

    /** @return the first four MD5 digest bytes, little-endian (libmemcached md5, spymemcached KETAMA_HASH) */
    public static Hasher md5() {
        return Md5Hasher.INSTANCE;
    }

    /** @return 32-bit FNV-1a */
    public static Hasher fnv1a32() {
        return Fnv1a32Hasher.INSTANCE;
    }

    /** @return 64-bit FNV-1, low 32 bits (libmemcached, spymemcached, xmemcached fnv1_64) */
    public static Hasher fnv1_64() {
        return Fnv164Hasher.INSTANCE;
    }

    /** @return 64-bit FNV-1a, low 32 bits (libmemcached, spymemcached, xmemcached fnv1a_64) */
    public static Hasher fnv1a_64() {
        return Fnv1a64Hasher.INSTANCE;
    }

    /** @return twemproxy's {@code fnv1a_64}, its default hash, which is really a 32-bit variant */
    public static Hasher twemproxyFnv1a64() {
        return TwemproxyFnv1a64Hasher.INSTANCE;
    }

    /** @return MurmurHash3 x86_32, seed 0 */
    public static Hasher murmur3() {
        return Murmur3Hasher.INSTANCE;
    }
}
