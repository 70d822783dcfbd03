package io.memcached2.spring;

import io.memcached2.transcode.UndecodableValue;
import org.springframework.cache.support.NullValue;

/**
 * The bytes a {@link MemcachedCache} stores: one tag byte, then the serializer's bytes. The tag sets the null marker
 * apart from every serialized value, and makes a value never empty (an empty item is what the core's lease
 * placeholder looks like).
 */
final class StoredValues {
    static final byte NULL_TAG = 'N';
    static final byte VALUE_TAG = 'V';
    private static final byte[] NULL_MARKER = {NULL_TAG};

    private StoredValues() {}

    /** @param storeValue a value, or {@link NullValue#INSTANCE} */
    static byte[] encode(Object storeValue, CacheValueSerializer serializer) {
        if (storeValue == NullValue.INSTANCE) {
            return NULL_MARKER.clone();
        }
        byte[] body = serializer.serialize(storeValue);
        byte[] out = new byte[body.length + 1];
        out[0] = VALUE_TAG;
        System.arraycopy(body, 0, out, 1, body.length);
        return out;
    }

    /** @return the value, or {@link NullValue#INSTANCE} for the null marker */
    static Object decode(byte[] data, CacheValueSerializer serializer) {
        if (data.length == 1 && data[0] == NULL_TAG) {
            return NullValue.INSTANCE;
        }
        if (data.length < 2 || data[0] != VALUE_TAG) {
            throw new UndecodableValue(
                    "cached item of " + data.length + " bytes was not written by MemcachedCache (no value tag)");
        }
        byte[] body = new byte[data.length - 1];
        System.arraycopy(data, 1, body, 0, body.length);
        return serializer.deserialize(body);
    }
}
