package io.memcached2.internal.placement;

import io.memcached2.routing.Hasher;

/**
 * libmemcached's and twemproxy's {@code md5} hash, spymemcached's {@code KETAMA_HASH}: the first four bytes of the
 * key's MD5 digest, little-endian, unsigned.
 */
public final class Md5Hasher implements Hasher {
    /** The shared instance. */
    public static final Md5Hasher INSTANCE = new Md5Hasher();

    private Md5Hasher() {}

    @Override
    public long hash(byte[] key) {
        return hash(key, 0, key.length);
    }

    @Override
    public long hash(byte[] bytes, int offset, int length) {
        return Md5.word(Md5.digest(bytes, offset, length), 0);
    }

    @Override
    public String toString() {
        return "md5";
    }
}
