package io.memcached2.internal.transcode;

import io.memcached2.transcode.ClassNotAllowed;
import io.memcached2.transcode.Encoded;
import io.memcached2.transcode.SerialAllowList;
import io.memcached2.transcode.Transcoder;
import io.memcached2.transcode.UndecodableValue;
import java.util.Objects;

/**
 * Any {@link java.io.Serializable} value through Java serialization, marked with flag bit 0 ({@link #FLAG_SERIALIZED},
 * value 1, the bit spymemcached and xmemcached use for serialized objects). Decoding instantiates only the classes
 * of a {@link SerialAllowList}; read its warning before choosing one.
 */
public final class JavaSerializationTranscoder implements Transcoder<Object> {
    /** The flag marking a serialized Java value: bit 0. */
    public static final int FLAG_SERIALIZED = 1;

    private final SerialAllowList allowList;

    /** @param allowList the only classes decoding may instantiate */
    public JavaSerializationTranscoder(SerialAllowList allowList) {
        this.allowList = Objects.requireNonNull(allowList, "allowList");
    }

    /** @throws IllegalArgumentException if the value (or anything it holds) is not serializable */
    @Override
    public Encoded encode(Object value) {
        return new Encoded(FLAG_SERIALIZED, JavaSerialization.serialize(value));
    }

    /**
     * @throws ClassNotAllowed if the bytes name a class outside the allow-list
     * @throws UndecodableValue if the flags do not mark a serialized value or the bytes are not one
     */
    @Override
    public Object decode(int flags, byte[] data) {
        if ((flags & FLAG_SERIALIZED) == 0) {
            throw new UndecodableValue(
                    "flags 0x" + Integer.toHexString(flags) + " do not mark a serialized Java value (bit 0 is clear)");
        }
        return JavaSerialization.deserialize(data, allowList);
    }

    @Override
    public int flagsUsed() {
        return FLAG_SERIALIZED;
    }
}
