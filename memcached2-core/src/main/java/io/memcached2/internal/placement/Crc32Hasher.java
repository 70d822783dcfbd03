package io.memcached2.internal.placement;

import io.memcached2.routing.Hasher;
import java.util.zip.CRC32;

/** CRC-32 (IEEE, as {@code binascii.crc32} and zlib), unsigned: python-memcached's "old server hash function". */
public final class Crc32Hasher implements Hasher {
    /** The shared instance. */
    public static final Crc32Hasher INSTANCE = new Crc32Hasher();

    // One CRC32 per thread: reset and reused, so hashing allocates nothing and still uses the JDK's intrinsic.
    private static final ThreadLocal<CRC32> CRC = ThreadLocal.withInitial(CRC32::new);

    private Crc32Hasher() {}

    static long crc32(byte[] bytes, int offset, int length) {
        CRC32 crc = CRC.get();
        crc.reset();
        crc.update(bytes, offset, length);
        return crc.getValue();
    }

    @Override
    public long hash(byte[] key) {
        return crc32(key, 0, key.length);
    }

    @Override
    public long hash(byte[] bytes, int offset, int length) {
        return crc32(bytes, offset, length);
    }

    @Override
    public String toString() {
        return "crc32";
    }
}
