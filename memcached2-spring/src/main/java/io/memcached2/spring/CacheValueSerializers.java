package io.memcached2.spring;

import io.memcached2.transcode.SerialAllowList;

/** Chooses the default serializer. */
public final class CacheValueSerializers {
    private static final String JACKSON_MAPPER = "tools.jackson.databind.json.JsonMapper";

    private CacheValueSerializers() {}

    /**
     * The safe default: JSON through Jackson 3 when {@code tools.jackson.databind} is on the class path, otherwise
     * Java serialization; both refuse classes outside the allow-list.
     *
     * @param allowList your value classes or packages ({@code com.example.**})
     * @return the serializer
     */
    public static CacheValueSerializer standard(SerialAllowList allowList) {
        return jacksonPresent() ? new JacksonCacheValueSerializer(allowList) : new JavaCacheValueSerializer(allowList);
    }

    /** @return whether Jackson 3 is on the class path */
    public static boolean jacksonPresent() {
        try {
            Class.forName(JACKSON_MAPPER, false, CacheValueSerializers.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
