package io.memcached2.spring;

import io.memcached2.Transcoders;
import io.memcached2.transcode.SerialAllowList;
import io.memcached2.transcode.Transcoder;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Java serialization behind the core's {@link SerialAllowList}: decoding instantiates only the allowed classes (and
 * the inert JDK types the allow-list always admits), so bytes an attacker wrote into memcached cannot name a gadget.
 */
public final class JavaCacheValueSerializer implements CacheValueSerializer {
    /**
     * JDK classes that cached values commonly hold and that run none of the bytes' code when read: collections
     * (whose elements are checked on their own), big numbers, dates, UUIDs and the {@code java.time} values;
     * {@code List.of} and its kin travel as {@code java.util.CollSer} and read back as {@code ImmutableCollections}
     * classes.
     */
    public static final List<String> JDK_VALUE_TYPES = List.of(
            "java.util.ArrayList",
            "java.util.LinkedList",
            "java.util.HashMap",
            "java.util.LinkedHashMap",
            "java.util.TreeMap",
            "java.util.HashSet",
            "java.util.LinkedHashSet",
            "java.util.TreeSet",
            "java.util.CollSer",
            "java.util.ImmutableCollections$List12",
            "java.util.ImmutableCollections$ListN",
            "java.util.ImmutableCollections$Set12",
            "java.util.ImmutableCollections$SetN",
            "java.util.ImmutableCollections$Map1",
            "java.util.ImmutableCollections$MapN",
            "java.util.Date",
            "java.util.UUID",
            "java.math.BigDecimal",
            "java.math.BigInteger",
            "java.time.*",
            "java.lang.Enum");

    /** The flag {@link Transcoders#javaSerialization} marks serialized values with: bit 0. */
    private static final int SERIALIZED = 1;

    private final Transcoder<Object> transcoder;

    /** @param allowList the only classes decoding may instantiate; list your value classes and the JDK types in them */
    public JavaCacheValueSerializer(SerialAllowList allowList) {
        this.transcoder = Transcoders.javaSerialization(Objects.requireNonNull(allowList, "allowList"));
    }

    /**
     * @param patterns your value classes or packages
     * @return a serializer allowing them and {@link #JDK_VALUE_TYPES}
     */
    public static JavaCacheValueSerializer withJdkValueTypes(String... patterns) {
        return new JavaCacheValueSerializer(SerialAllowList.of(
                Stream.concat(Stream.of(patterns), JDK_VALUE_TYPES.stream()).toArray(String[]::new)));
    }

    /** @throws IllegalArgumentException if the value, or anything it holds, is not serializable */
    @Override
    public byte[] serialize(Object value) {
        return transcoder.encode(value).data();
    }

    @Override
    public Object deserialize(byte[] data) {
        return transcoder.decode(SERIALIZED, data);
    }

    @Override
    public String toString() {
        return "JavaCacheValueSerializer";
    }
}
