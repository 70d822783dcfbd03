package io.memcached2.transcode;

/**
 * Converts values to the bytes and 32-bit flags memcached stores, and back. Implementations are thread-safe.
 *
 * @param <V> the value type
 */
public interface Transcoder<V> {
    /**
     * @param value the value to store; never null
     * @return its bytes and flags
     */
    Encoded encode(V value);

    /**
     * @param flags the flags stored with the item
     * @param data the stored bytes; the transcoder may keep the array
     * @return the value
     * @throws IllegalStateException (or a subclass) when the bytes cannot be decoded with these flags
     */
    V decode(int flags, byte[] data);
}
