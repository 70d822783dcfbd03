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

    /**
     * The flag bits this transcoder sets on encode or reads on decode, so that a wrapper adding a bit of its own can
     * refuse a transcoder it would clash with.
     *
     * @return a mask of the flag bits used; 0 when the transcoder does not say
     */
    default int flagsUsed() {
        return 0;
    }
}
