package io.memcached2.spring;

import java.util.concurrent.atomic.LongAdder;

/** What one {@link MemcachedCache} did in this process, counted locally (memcached's own stats are per server). */
public final class CacheStatistics {
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder puts = new LongAdder();
    private final LongAdder evictions = new LongAdder();
    private final LongAdder clears = new LongAdder();

    CacheStatistics() {}

    void hit() {
        hits.increment();
    }

    void miss() {
        misses.increment();
    }

    void put() {
        puts.increment();
    }

    void eviction() {
        evictions.increment();
    }

    void clear() {
        clears.increment();
    }

    /** @return lookups that found an entry */
    public long hits() {
        return hits.sum();
    }

    /** @return lookups that found none (a load through {@code get(key, loader)} counts here) */
    public long misses() {
        return misses.sum();
    }

    /** @return stores */
    public long puts() {
        return puts.sum();
    }

    /** @return evictions asked for */
    public long evictions() {
        return evictions.sum();
    }

    /** @return clears */
    public long clears() {
        return clears.sum();
    }
}
