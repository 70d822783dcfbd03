package io.memcached2.routing;

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
}
