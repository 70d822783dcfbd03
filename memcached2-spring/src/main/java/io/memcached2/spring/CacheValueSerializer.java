package io.memcached2.spring;

import io.memcached2.transcode.UndecodableValue;

/**
 * Turns cache values into bytes and back. Implementations are thread-safe, and must refuse bytes they did not write
 * rather than return a wrong value. {@link MemcachedCache} handles null itself: it never passes null here.
 *
 * @see CacheValueSerializers
 */
public interface CacheValueSerializer {
    /**
     * @param value the value; never null
     * @return its bytes
     * @throws IllegalArgumentException if the value cannot be serialized
     */
    byte[] serialize(Object value);

    /**
     * @param data bytes read from memcached
     * @return the value
     * @throws UndecodableValue (or its subclass {@link io.memcached2.transcode.ClassNotAllowed}) saying why the bytes
     *     are not a value this serializer may return
     */
    Object deserialize(byte[] data);
}
