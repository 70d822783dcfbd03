package io.memcached2.spring;

import io.memcached2.AsyncMemcache;
import io.memcached2.Memcache;
import io.memcached2.MemcachedException;
import io.memcached2.NotStored;
import io.memcached2.Store;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.springframework.cache.support.AbstractValueAdaptingCache;

/**
 * A Spring {@link org.springframework.cache.Cache} over memcached, through the public memcached2 client.
 *
 * <p>Every key of the cache is {@code keyPrefix + name + ":" + generation + ":" + key} (see {@link CacheKeys} for
 * keys that are not plain ASCII or too long). {@link #clear()} and {@link #invalidate()} increment the generation,
 * a counter kept in memcached under {@code keyPrefix + name + ":gen"}: one {@code incr}, never a {@code flush_all}
 * of the server, which other caches and applications share. The old entries are not deleted; they stop being
 * reachable and leave memory by their TTL or memcached's LRU. The price is the generation lookup: this process
 * trusts its copy for {@link MemcachedCacheConfiguration#generationRefresh()} (1 s by default), so a clear made by
 * another process is seen here within that time, and a clear made here at once; a refresh of zero reads the
 * counter before every operation (one more round trip each).
 *
 * <p>{@link #get(Object, Callable)} goes through {@link Memcache#cache}: concurrent callers in this process share
 * one loader call, and with the meta protocol callers in other processes do too (a lease). A loader failure is
 * thrown as {@link ValueRetrievalException} and nothing is stored. {@link #retrieve(Object)} and
 * {@link #retrieve(Object, Supplier)} use the asynchronous client and block no thread of the caller. Server trouble
 * surfaces as the client's {@link MemcachedException}s, for Spring's {@code CacheErrorHandler} to judge.
 */
public final class MemcachedCache extends AbstractValueAdaptingCache {
    private final String name;
    private final Memcache<byte[]> client;
    private final AsyncMemcache<byte[]> async;
    private final MemcachedCacheConfiguration config;
    private final Store store;
    private final String namespace;
    private final Generation generation;
    private final CacheStatistics statistics = new CacheStatistics();

    /**
     * @param name the cache name; visible ASCII, as it is part of every key
     * @param client a client of raw bytes ({@code Memcache.builder(Transcoders.bytes())})
     * @param config the cache's settings
     */
    public MemcachedCache(String name, Memcache<byte[]> client, MemcachedCacheConfiguration config) {
        super(config.allowNullValues());
        this.name = CacheKeys.checkNamespacePart("cache name", Objects.requireNonNull(name, "name"));
        this.client = Objects.requireNonNull(client, "client");
        this.async = client.async();
        this.config = config;
        this.store = Store.ttl(config.ttl());
        this.namespace = config.keyPrefix() + name + ":";
        this.generation = new Generation(async, namespace + "gen", config.generationRefresh());
    }

    @Override
    public String getName() {
        return name;
    }

    /** @return the client */
    @Override
    public Memcache<byte[]> getNativeCache() {
        return client;
    }

    /** @return this cache's settings */
    public MemcachedCacheConfiguration getConfiguration() {
        return config;
    }

    /** @return what this cache did in this process */
    public CacheStatistics getStatistics() {
        return statistics;
    }

    /**
     * @param key a Spring cache key
     * @return the memcached key it is stored under now (the current generation)
     */
    public String memcachedKey(Object key) {
        return await(keyFor(key));
    }

    @Override
    protected Object lookup(Object key) {
        return await(read(key));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get(Object key, Callable<T> valueLoader) {
        String k = memcachedKey(key);
        boolean[] loaded = new boolean[1];
        byte[] raw;
        try {
            raw = client.cache(
                    k,
                    ignored -> {
                        loaded[0] = true;
                        return StoredValues.encode(load(key, valueLoader), config.serializer());
                    },
                    store);
        } catch (LoaderFailure e) {
            statistics.miss();
            throw new ValueRetrievalException(key, valueLoader, e.getCause());
        }
        if (loaded[0]) {
            statistics.miss();
            statistics.put();
        } else {
            statistics.hit();
        }
        return (T) fromStoreValue(StoredValues.decode(raw, config.serializer()));
    }

    /**
     * @return a future of null on a miss, else of the value ({@link ValueWrapper} of it when nulls are allowed, as a
     *     cached null must be told apart from a miss)
     */
    @Override
    public CompletableFuture<?> retrieve(Object key) {
        return read(key).thenApply(v -> v == null ? null : isAllowNullValues() ? toValueWrapper(v) : fromStoreValue(v));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> CompletableFuture<T> retrieve(Object key, Supplier<CompletableFuture<T>> valueLoader) {
        boolean[] loaded = new boolean[1];
        return keyFor(key)
                .thenCompose(k -> async.cache(
                        k,
                        ignored -> {
                            loaded[0] = true;
                            // The core runs this on its loader executor, never an I/O or callback thread, so waiting is
                            // allowed.
                            return StoredValues.encode(toStore(awaitLoader(valueLoader.get())), config.serializer());
                        },
                        store))
                .handle((raw, err) -> {
                    if (err != null) {
                        Throwable cause = unwrap(err);
                        if (cause instanceof LoaderFailure) {
                            statistics.miss();
                            throw new CompletionException(cause.getCause());
                        }
                        throw new CompletionException(cause);
                    }
                    if (loaded[0]) {
                        statistics.miss();
                        statistics.put();
                    } else {
                        statistics.hit();
                    }
                    return (T) fromStoreValue(StoredValues.decode(raw, config.serializer()));
                });
    }

    @Override
    public void put(Object key, Object value) {
        byte[] data = StoredValues.encode(toStoreValue(value), config.serializer());
        await(keyFor(key).thenCompose(k -> async.set(k, data, store)));
        statistics.put();
    }

    /**
     * An {@code add}: stores only when absent.
     *
     * @return null if stored, else the value already there
     */
    @Override
    public ValueWrapper putIfAbsent(Object key, Object value) {
        byte[] data = StoredValues.encode(toStoreValue(value), config.serializer());
        String k = memcachedKey(key);
        // The entry found may go between the refused add and the read; two rounds settle all but a pathological race.
        for (int round = 0; round < 2; round++) {
            Object existing = await(async.add(k, data, store).handle((ok, err) -> {
                if (err == null) {
                    return null;
                }
                if (unwrap(err) instanceof NotStored) {
                    return NotStored.class;
                }
                throw new CompletionException(unwrap(err));
            }));
            if (existing == null) {
                statistics.put();
                return null;
            }
            byte[] raw = await(async.get(k));
            if (raw != null) {
                return toValueWrapper(StoredValues.decode(raw, config.serializer()));
            }
        }
        throw new MemcachedException("putIfAbsent of key '" + k + "': the entry kept appearing and vanishing");
    }

    @Override
    public void evict(Object key) {
        evictIfPresent(key);
    }

    @Override
    public boolean evictIfPresent(Object key) {
        boolean deleted = await(keyFor(key).thenCompose(async::delete));
        statistics.eviction();
        return deleted;
    }

    /** Increments the generation: one {@code incr}; see the class description for what other processes see. */
    @Override
    public void clear() {
        await(generation.next());
        statistics.clear();
    }

    /**
     * Same as {@link #clear()}: entries are unreachable for this process once it returns.
     *
     * @return false, as memcached cannot tell whether the cache had entries
     */
    @Override
    public boolean invalidate() {
        clear();
        return false;
    }

    private CompletableFuture<String> keyFor(Object key) {
        Objects.requireNonNull(key, "key");
        return generation.current().thenApply(g -> CacheKeys.toKey(namespace + g + ":", key));
    }

    /** @return the store value (maybe {@code NullValue}), or null on a miss */
    private CompletableFuture<Object> read(Object key) {
        return keyFor(key).thenCompose(async::get).thenApply(raw -> {
            if (raw == null) {
                statistics.miss();
                return null;
            }
            statistics.hit();
            return StoredValues.decode(raw, config.serializer());
        });
    }

    private Object load(Object key, Callable<?> valueLoader) {
        try {
            return toStoreValue(valueLoader.call());
        } catch (Exception e) {
            throw new LoaderFailure(e);
        }
    }

    private Object toStore(Object value) {
        try {
            return toStoreValue(value);
        } catch (RuntimeException e) {
            throw new LoaderFailure(e);
        }
    }

    private static <T> T awaitLoader(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoaderFailure(e);
        } catch (ExecutionException e) {
            throw new LoaderFailure(e.getCause());
        }
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MemcachedException("interrupted while waiting for memcached", e);
        } catch (ExecutionException e) {
            Throwable cause = unwrap(e);
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new MemcachedException(String.valueOf(cause), cause);
        }
    }

    private static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    @Override
    public String toString() {
        return "MemcachedCache[" + name + ", " + config + "]";
    }

    /** Carries the loader's own failure through the client, so it is told apart from server trouble. */
    private static final class LoaderFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LoaderFailure(Throwable cause) {
            super(cause.toString(), cause, false, false);
        }
    }
}
