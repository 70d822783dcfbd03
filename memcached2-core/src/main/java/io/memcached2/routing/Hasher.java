package io.memcached2.routing;

import java.util.Arrays;

/**
 * Turns a key's bytes into a number for placement. Implementations are stateless and thread-safe.
 * A 32-bit hash is returned as an unsigned value in {@code [0, 2^32)}.
 */
@FunctionalInterface
public interface Hasher {
    /**
     * @param key the key's bytes (UTF-8 unless a selector says otherwise)
     * @return the hash; 32-bit hashes are unsigned, in the low 32 bits
     */
    long hash(byte[] key);

    /**
     * Hashes a slice of an array. Selectors that rehash a key with a suffix build it in a reused buffer and call
     * this, so the built-in hashers override it to avoid the copy.
     *
     * @param bytes the buffer
     * @param offset where the key starts
     * @param length the key's length in bytes
     * @return the same value as {@code hash} of the slice copied out
     */
    default long hash(byte[] bytes, int offset, int length) {
        return hash(Arrays.copyOfRange(bytes, offset, offset + length));
    }
}
