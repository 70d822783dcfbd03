package io.memcached2.spring;

import io.memcached2.Memcache;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.cache.Cache;
import org.springframework.cache.support.AbstractCacheManager;

/**
 * A Spring {@link org.springframework.cache.CacheManager} of {@link MemcachedCache}s sharing one client. Caches
 * named in the builder get their own settings; any other name asked for gets a cache with the defaults, unless
 * {@link Builder#disableCreateOnMissingCache()} was called. The manager does not close the client.
 *
 * <pre>{@code
 * Memcache<byte[]> client = Memcache.builder(Transcoders.bytes()).servers("memcached://10.0.0.1/").build();
 * MemcachedCacheConfiguration defaults = MemcachedCacheConfiguration
 *         .defaults(CacheValueSerializers.standard(SerialAllowList.of("com.example.**")))
 *         .withTtl(Duration.ofMinutes(10));
 * CacheManager caches = MemcachedCacheManager.builder(client).defaults(defaults)
 *         .withCache("prices", defaults.withTtl(Duration.ofSeconds(30))).build();
 * }</pre>
 */
public final class MemcachedCacheManager extends AbstractCacheManager {
    private final Memcache<byte[]> client;
    private final MemcachedCacheConfiguration defaults;
    private final Map<String, MemcachedCacheConfiguration> configured;
    private final boolean createOnMissing;

    private MemcachedCacheManager(Builder b) {
        this.client = b.client;
        this.defaults = b.defaults;
        this.configured = new LinkedHashMap<>(b.configured);
        this.createOnMissing = b.createOnMissing;
        initializeCaches();
    }

    /**
     * @param client a client of raw bytes ({@code Memcache.builder(Transcoders.bytes())})
     * @return a builder
     */
    public static Builder builder(Memcache<byte[]> client) {
        return new Builder(client);
    }

    /** @return the settings of caches not configured by name */
    public MemcachedCacheConfiguration getDefaults() {
        return defaults;
    }

    @Override
    protected Collection<? extends Cache> loadCaches() {
        List<Cache> caches = new ArrayList<>();
        configured.forEach((name, config) -> caches.add(new MemcachedCache(name, client, config)));
        return caches;
    }

    @Override
    protected Cache getMissingCache(String name) {
        return createOnMissing ? new MemcachedCache(name, client, defaults) : null;
    }

    /** Builds a {@link MemcachedCacheManager}. */
    public static final class Builder {
        private final Memcache<byte[]> client;
        private MemcachedCacheConfiguration defaults;
        private final Map<String, MemcachedCacheConfiguration> configured = new LinkedHashMap<>();
        private boolean createOnMissing = true;

        private Builder(Memcache<byte[]> client) {
            this.client = Objects.requireNonNull(client, "client");
        }

        /**
         * The settings of caches not configured by name; required.
         *
         * @param config the default settings
         * @return this builder
         */
        public Builder defaults(MemcachedCacheConfiguration config) {
            this.defaults = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * A cache made at start with its own settings.
         *
         * @param name the cache's name
         * @param config its settings
         * @return this builder
         */
        public Builder withCache(String name, MemcachedCacheConfiguration config) {
            configured.put(
                    CacheKeys.checkNamespacePart("cache name", Objects.requireNonNull(name, "name")),
                    Objects.requireNonNull(config, "config"));
            return this;
        }

        /**
         * Caches made at start with the defaults (call after {@link #defaults}).
         *
         * @param names the caches' names
         * @return this builder
         */
        public Builder initialCacheNames(Collection<String> names) {
            for (String name : names) {
                if (!configured.containsKey(name)) {
                    withCache(name, requireDefaults());
                }
            }
            return this;
        }

        /**
         * Only the caches named here exist; asking for another name gives null.
         *
         * @return this builder
         */
        public Builder disableCreateOnMissingCache() {
            this.createOnMissing = false;
            return this;
        }

        /** @return the manager, its named caches made */
        public MemcachedCacheManager build() {
            requireDefaults();
            return new MemcachedCacheManager(this);
        }

        private MemcachedCacheConfiguration requireDefaults() {
            if (defaults == null) {
                throw new IllegalStateException("call defaults(MemcachedCacheConfiguration) first: the serializer"
                        + " (and its allow-list of value classes) has no safe default");
            }
            return defaults;
        }
    }
}
