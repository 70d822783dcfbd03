package io.memcached2.spring;

import java.time.Duration;
import java.util.Objects;

/**
 * The settings of one {@link MemcachedCache}. Immutable; each {@code with...} method returns a copy.
 *
 * <p>{@code generationRefresh} is how long this process trusts its copy of a cache's generation (the counter that
 * {@link MemcachedCache#clear()} increments): a clear in this process is seen here at once, a clear by another
 * process within that time. Zero reads the generation from memcached before every operation: exact, at the cost of
 * one more round trip per lookup.
 */
public final class MemcachedCacheConfiguration {
    /** The default generation refresh: 1 s. */
    public static final Duration DEFAULT_GENERATION_REFRESH = Duration.ofSeconds(1);

    private final Duration ttl;
    private final String keyPrefix;
    private final boolean allowNullValues;
    private final CacheValueSerializer serializer;
    private final Duration generationRefresh;

    private MemcachedCacheConfiguration(
            Duration ttl,
            String keyPrefix,
            boolean allowNullValues,
            CacheValueSerializer serializer,
            Duration generationRefresh) {
        this.ttl = ttl;
        this.keyPrefix = keyPrefix;
        this.allowNullValues = allowNullValues;
        this.serializer = serializer;
        this.generationRefresh = generationRefresh;
    }

    /**
     * @param serializer how values become bytes (see {@link CacheValueSerializers#standard})
     * @return entries that never expire, no key prefix, nulls allowed, a generation refresh of 1 s
     */
    public static MemcachedCacheConfiguration defaults(CacheValueSerializer serializer) {
        return new MemcachedCacheConfiguration(
                Duration.ZERO, "", true, Objects.requireNonNull(serializer, "serializer"), DEFAULT_GENERATION_REFRESH);
    }

    /**
     * @param ttl not negative
     * @return a copy whose entries live this long; zero for no expiry (memcached's LRU still evicts)
     */
    public MemcachedCacheConfiguration withTtl(Duration ttl) {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("TTL must not be negative: " + ttl);
        }
        return new MemcachedCacheConfiguration(ttl, keyPrefix, allowNullValues, serializer, generationRefresh);
    }

    /**
     * @param prefix put before every key, so that applications sharing a server keep apart; visible ASCII
     * @return a copy with this prefix
     */
    public MemcachedCacheConfiguration withKeyPrefix(String prefix) {
        CacheKeys.checkNamespacePart("key prefix", Objects.requireNonNull(prefix, "prefix"));
        return new MemcachedCacheConfiguration(ttl, prefix, allowNullValues, serializer, generationRefresh);
    }

    /**
     * @param allow whether null values are stored
     * @return a copy that stores null as a marker ({@code true}) or refuses null values ({@code false})
     */
    public MemcachedCacheConfiguration withNullValues(boolean allow) {
        return new MemcachedCacheConfiguration(ttl, keyPrefix, allow, serializer, generationRefresh);
    }

    /**
     * @param serializer turns values into bytes and back
     * @return a copy with this serializer
     */
    public MemcachedCacheConfiguration withSerializer(CacheValueSerializer serializer) {
        return new MemcachedCacheConfiguration(
                ttl, keyPrefix, allowNullValues, Objects.requireNonNull(serializer, "serializer"), generationRefresh);
    }

    /**
     * @param refresh not negative
     * @return a copy that trusts its copy of the generation this long (see the class description)
     */
    public MemcachedCacheConfiguration withGenerationRefresh(Duration refresh) {
        Objects.requireNonNull(refresh, "refresh");
        if (refresh.isNegative()) {
            throw new IllegalArgumentException("generation refresh must not be negative: " + refresh);
        }
        return new MemcachedCacheConfiguration(ttl, keyPrefix, allowNullValues, serializer, refresh);
    }

    /** @return the entries' time to live; zero for no expiry */
    public Duration ttl() {
        return ttl;
    }

    /** @return the key prefix; empty for none */
    public String keyPrefix() {
        return keyPrefix;
    }

    /** @return whether null values are stored (as a marker) */
    public boolean allowNullValues() {
        return allowNullValues;
    }

    /** @return the serializer */
    public CacheValueSerializer serializer() {
        return serializer;
    }

    /** @return how long a copy of the generation is trusted */
    public Duration generationRefresh() {
        return generationRefresh;
    }

    @Override
    public String toString() {
        return "MemcachedCacheConfiguration[ttl=" + ttl + ", keyPrefix='" + keyPrefix + "', allowNullValues="
                + allowNullValues + ", serializer=" + serializer + ", generationRefresh=" + generationRefresh + "]";
    }
}
