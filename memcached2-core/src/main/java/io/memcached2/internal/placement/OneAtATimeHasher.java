package io.memcached2.internal.placement;

import io.memcached2.routing.Hasher;

/**
 * Bob Jenkins' one-at-a-time hash as libmemcached (its default hash) and twemproxy compute it. Bytes are added as C
 * {@code signed char}, so non-ASCII bytes count as negative numbers; Java's signed {@code byte} gives that for free.
 */
public final class OneAtATimeHasher implements Hasher {
    /** The shared instance. */
    public static final OneAtATimeHasher INSTANCE = new OneAtATimeHasher();

    private OneAtATimeHasher() {}

    @Override
    public long hash(byte[] key) {
        return hash(key, 0, key.length);
    }

    @Override
    public long hash(byte[] bytes, int offset, int length) {
        int h = 0;
        for (int i = offset, end = offset + length; i < end; i++) {
            h += bytes[i];
            h += h << 10;
            h ^= h >>> 6;
        }
        h += h << 3;
        h ^= h >>> 11;
        h += h << 15;
        return h & 0xffffffffL;
    }

    @Override
    public String toString() {
        return "oneAtATime";
    }
}
