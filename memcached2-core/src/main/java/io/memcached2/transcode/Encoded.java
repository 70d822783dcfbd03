package io.memcached2.transcode;

import java.util.Objects;

/**
 * An encoded value: the bytes to store and the flags to store with them.
 *
 * @param flags the client flags, an unsigned 32-bit number
 * @param data the bytes; not copied
 */
public record Encoded(int flags, byte[] data) {
    /**
     * @throws NullPointerException if data is null
     * @param flags the client flags, an unsigned 32-bit number
     * @param data the bytes; not copied
     */
    public Encoded {
        Objects.requireNonNull(data, "data");
    }
}
