package io.memcached2.spring;

import io.memcached2.transcode.JavaSerializationTranscoder;
import io.memcached2.transcode.SerialAllowList;
import java.util.Objects;

/**
 * Java serialization behind the core's {@link SerialAllowList}: decoding instantiates only the allowed classes (and
 * the inert JDK types the allow-list always admits), so bytes an attacker wrote into memcached cannot name a gadget.
 */
public final class JavaCacheValueSerializer implements CacheValueSerializer {
    private final JavaSerializationTranscoder transcoder;

    /** @param allowList the only classes decoding may instantiate; list your value classes and the JDK types in them */
    public JavaCacheValueSerializer(SerialAllowList allowList) {
        this.transcoder = new JavaSerializationTranscoder(Objects.requireNonNull(allowList, "allowList"));
    }

    /** @throws IllegalArgumentException if the value, or anything it holds, is not serializable */
    @Override
    public byte[] serialize(Object value) {
        return transcoder.encode(value).data();
    }

    @Override
    public Object deserialize(byte[] data) {
        return transcoder.decode(JavaSerializationTranscoder.FLAG_SERIALIZED, data);
    }

    @Override
    public String toString() {
        return "JavaCacheValueSerializer";
    }
}
