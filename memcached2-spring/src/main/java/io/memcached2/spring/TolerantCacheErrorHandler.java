package io.memcached2.spring;

import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cache.Cache;
import org.springframework.cache.interceptor.CacheErrorHandler;

/**
 * A {@link CacheErrorHandler} for which the cache is an optimisation: a failed get reads as a miss (the method
 * runs), a failed put, evict or clear is dropped, and each is logged and counted. Use it when answering from the
 * method while memcached is down is better than failing the call. An evict or clear that failed leaves stale
 * entries until their TTL, which is why this is a choice and not the default.
 */
public final class TolerantCacheErrorHandler implements CacheErrorHandler {
    private static final Logger LOG = LoggerFactory.getLogger(TolerantCacheErrorHandler.class);

    private final LongAdder getErrors = new LongAdder();
    private final LongAdder putErrors = new LongAdder();
    private final LongAdder evictErrors = new LongAdder();
    private final LongAdder clearErrors = new LongAdder();

    @Override
    public void handleCacheGetError(RuntimeException exception, Cache cache, Object key) {
        getErrors.increment();
        log("get", cache, exception);
    }

    @Override
    public void handleCachePutError(RuntimeException exception, Cache cache, Object key, Object value) {
        putErrors.increment();
        log("put", cache, exception);
    }

    @Override
    public void handleCacheEvictError(RuntimeException exception, Cache cache, Object key) {
        evictErrors.increment();
        log("evict", cache, exception);
    }

    @Override
    public void handleCacheClearError(RuntimeException exception, Cache cache) {
        clearErrors.increment();
        log("clear", cache, exception);
    }

    /** @return failed gets, answered as misses */
    public long getErrors() {
        return getErrors.sum();
    }

    /** @return failed puts, dropped */
    public long putErrors() {
        return putErrors.sum();
    }

    /** @return failed evicts, dropped */
    public long evictErrors() {
        return evictErrors.sum();
    }

    /** @return failed clears, dropped */
    public long clearErrors() {
        return clearErrors.sum();
    }

    /** @return every failure counted */
    public long errors() {
        return getErrors() + putErrors() + evictErrors() + clearErrors();
    }

    private static void log(String operation, Cache cache, RuntimeException e) {
        // Keys may hold personal data, so they stay out of the log; the stack trace only at debug.
        LOG.warn(
                "cache {} of '{}' failed, carrying on without the cache: {}", operation, cache.getName(), e.toString());
        LOG.debug("cache {} failure", operation, e);
    }
}
