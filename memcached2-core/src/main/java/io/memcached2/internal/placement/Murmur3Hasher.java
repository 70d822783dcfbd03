package io.memcached2.internal.placement;

import io.memcached2.routing.Hasher;

/** MurmurHash3 x86_32 with seed 0 (Austin Appleby's reference {@code MurmurHash3_x86_32}), unsigned. */
public final class Murmur3Hasher implements Hasher {
    /** The shared instance. */
    public static final Murmur3Hasher INSTANCE = new Murmur3Hasher();

    private static final int C1 = 0xcc9e2d51;
    private static final int C2 = 0x1b873593;

    private Murmur3Hasher() {}

    @Override
    public long hash(byte[] key) {
        return hash(key, 0, key.length);
    }

    @Override
    @SuppressWarnings("fallthrough") // the tail bytes mix in as in the reference MurmurHash3_x86_32
    public long hash(byte[] bytes, int offset, int length) {
        int h = 0;
        int blocksEnd = offset + (length & ~3);
        for (int i = offset; i < blocksEnd; i += 4) {
            int k = (bytes[i] & 0xff) | (bytes[i + 1] & 0xff) << 8 | (bytes[i + 2] & 0xff) << 16 | bytes[i + 3] << 24;
            h ^= mixK(k);
            h = Integer.rotateLeft(h, 13) * 5 + 0xe6546b64;
        }
        int k = 0;
        switch (length & 3) {
            case 3:
                k ^= (bytes[blocksEnd + 2] & 0xff) << 16;
            // fall through
            case 2:
                k ^= (bytes[blocksEnd + 1] & 0xff) << 8;
            // fall through
            case 1:
                k ^= bytes[blocksEnd] & 0xff;
                h ^= mixK(k);
                break;
            default:
                break;
        }
        h ^= length;
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h & 0xffffffffL;
    }

    private static int mixK(int k) {
        return Integer.rotateLeft(k * C1, 15) * C2;
    }

    @Override
    public String toString() {
        return "murmur3";
    }
}
