package io.memcached2;

import io.memcached2.internal.commands.AsyncCalls;
import io.memcached2.internal.commands.CommandTable;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** The asynchronous client: each command is its {@link CommandTable} entry run by {@link AsyncCalls}. */
final class DefaultAsyncMemcache<V> implements AsyncMemcache<V> {
    private final CommandTable<V> c;
    private final AsyncCalls<V> run;

    DefaultAsyncMemcache(CommandTable<V> table, AsyncCalls<V> calls) {
        this.c = table;
        this.run = calls;
    }

    @Override
    public CompletableFuture<V> get(String key) {
        return run.run(c.get, key);
    }

    @Override
    public CompletableFuture<Item<V>> gets(String key) {
        return run.run(c.gets, key);
    }

    @Override
    public CompletableFuture<V> gat(String key, Duration ttl) {
        return run.run(c.gat, key, ttl);
    }

    @Override
    public CompletableFuture<Item<V>> gats(String key, Duration ttl) {
        return run.run(c.gats, key, ttl);
    }

    @Override
    public CompletableFuture<Map<String, V>> getMulti(Collection<String> keys) {
        return run.fanOut(c.getMulti(keys));
    }

    @Override
    public CompletableFuture<Map<String, Item<V>>> getsMulti(Collection<String> keys) {
        return run.fanOut(c.getsMulti(keys));
    }

    @Override
    public CompletableFuture<Void> set(String key, V value, Store options) {
        return run.store(c.set, key, value, options, 0);
    }

    @Override
    public CompletableFuture<Void> add(String key, V value, Store options) {
        return run.store(c.add, key, value, options, 0);
    }

    @Override
    public CompletableFuture<Void> replace(String key, V value, Store options) {
        return run.store(c.replace, key, value, options, 0);
    }

    @Override
    public CompletableFuture<Void> append(String key, V value) {
        return run.store(c.append, key, value, Store.DEFAULT, 0);
    }

    @Override
    public CompletableFuture<Void> prepend(String key, V value) {
        return run.store(c.prepend, key, value, Store.DEFAULT, 0);
    }

    @Override
    public CompletableFuture<Void> cas(String key, V value, long cas, Store options) {
        return run.store(c.cas, key, value, options, cas);
    }

    @Override
    public CompletableFuture<Boolean> delete(String key) {
        return run.run(c.delete, key);
    }

    @Override
    public CompletableFuture<Boolean> delete(String key, long cas) {
        return run.run(c.deleteCas, key, cas);
    }

    @Override
    public CompletableFuture<Boolean> deleteAll(String key) {
        return run.fanOut(c.deleteAll(key));
    }

    @Override
    public CompletableFuture<Map<String, Boolean>> deleteMulti(Collection<String> keys) {
        return run.fanOut(c.deleteMulti(keys));
    }

    @Override
    public CompletableFuture<Void> touch(String key, Duration ttl) {
        return run.run(c.touch, key, ttl);
    }

    @Override
    public CompletableFuture<Long> incr(String key, long delta) {
        return run.run(c.incr, key, delta);
    }

    @Override
    public CompletableFuture<Long> decr(String key, long delta) {
        return run.run(c.decr, key, delta);
    }

    @Override
    public CompletableFuture<Long> incr(String key, long delta, long initial, Duration ttl) {
        return run.arithmetic(c.incr, key, delta, initial, ttl);
    }

    @Override
    public CompletableFuture<Long> decr(String key, long delta, long initial, Duration ttl) {
        return run.arithmetic(c.decr, key, delta, initial, ttl);
    }

    @Override
    public CompletableFuture<Map<String, StoreResult>> setMulti(Map<String, V> values, Store options) {
        return run.fanOut(c.setMulti(values, options));
    }

    /** The loader runs on the loader executor; no thread waits for the lease. */
    @Override
    public CompletableFuture<V> cache(String key, Function<String, V> loader, Store options) {
        return run.cache(key, loader, options);
    }

    @Override
    public CompletableFuture<Boolean> invalidate(String key) {
        return run.run(c.invalidate, key);
    }

    @Override
    public CompletableFuture<Void> flushAll(Duration delay) {
        return run.fanOut(c.flushAll(delay));
    }

    @Override
    public CompletableFuture<List<ServerStats>> stats(String kind) {
        return run.fanOut(c.stats(kind));
    }

    @Override
    public CompletableFuture<Map<ServerAddress, String>> version() {
        return run.fanOut(c.version());
    }
}
