package io.memcached2.spring.boot;

import io.memcached2.spring.CacheStatistics;
import io.memcached2.spring.MemcachedCache;
import io.memcached2.spring.MemcachedCacheManager;
import io.memcached2.spring.TolerantCacheErrorHandler;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.ToDoubleFunction;

/**
 * A few meters of the memcached2 cache, counted in this process: {@code memcached2.cache.gets} (tag
 * {@code result=hit|miss}), {@code memcached2.cache.puts}, {@code memcached2.cache.evictions} and
 * {@code memcached2.cache.clears}, each tagged with the cache name, for the caches that exist when the registry is
 * bound (those of {@code memcached2.cache.cache-names} and {@code memcached2.cache.ttls}); and
 * {@code memcached2.cache.errors} in tolerant mode. Client-level meters (latency, connections) wait for the core's
 * metrics listener.
 */
public class Memcached2MeterBinder implements MeterBinder {
    private final MemcachedCacheManager cacheManager;
    private final TolerantCacheErrorHandler errorHandler;

    /**
     * @param cacheManager the caches to measure
     * @param errorHandler the tolerant handler, or null when not in tolerant mode
     */
    public Memcached2MeterBinder(MemcachedCacheManager cacheManager, TolerantCacheErrorHandler errorHandler) {
        this.cacheManager = cacheManager;
        this.errorHandler = errorHandler;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String name : cacheManager.getCacheNames()) {
            if (cacheManager.getCache(name) instanceof MemcachedCache cache) {
                CacheStatistics s = cache.getStatistics();
                counter(registry, "memcached2.cache.gets", name, s, CacheStatistics::hits, "result", "hit");
                counter(registry, "memcached2.cache.gets", name, s, CacheStatistics::misses, "result", "miss");
                counter(registry, "memcached2.cache.puts", name, s, CacheStatistics::puts);
                counter(registry, "memcached2.cache.evictions", name, s, CacheStatistics::evictions);
                counter(registry, "memcached2.cache.clears", name, s, CacheStatistics::clears);
            }
        }
        if (errorHandler != null) {
            FunctionCounter.builder("memcached2.cache.errors", errorHandler, TolerantCacheErrorHandler::errors)
                    .description("cache failures answered as misses or dropped (tolerant mode)")
                    .register(registry);
        }
    }

    private static void counter(
            MeterRegistry registry,
            String meter,
            String cache,
            CacheStatistics s,
            ToDoubleFunction<CacheStatistics> f,
            String... tags) {
        FunctionCounter.builder(meter, s, f).tag("cache", cache).tags(tags).register(registry);
    }
}
