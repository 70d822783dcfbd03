package io.memcached2;

import io.memcached2.internal.commands.AsyncCalls;
import io.memcached2.internal.commands.BlockingCalls;
import io.memcached2.internal.commands.CommandTable;
import io.memcached2.internal.commands.LeaseCache;
import io.memcached2.internal.commands.LoaderGuard;
import io.memcached2.internal.routing.Engine;
import io.memcached2.internal.transport.Node;
import io.memcached2.transcode.Transcoder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;

/**
 * The blocking client: each command is its {@link CommandTable} entry run by {@link BlockingCalls}, which parks the
 * caller on its requests (no future, no thread hop).
 */
final class DefaultMemcache<V> implements Memcache<V> {
    private final Engine engine;
    private final CommandTable<V> c;
    private final BlockingCalls<V> run;
    private final DefaultAsyncMemcache<V> async;
    private final ExecutorService ownedCallbackExecutor;
    private final ExecutorService ownedLoaderExecutor;
    private final ClusterFollower discovery;

    /**
     * A client whose async cache() loads on a pool of its own.
     *
     * @param ownedCallbackExecutor the callback executor if the client made it (shut down on close), else null
     * @param loaderExecutor runs the async cache()'s loaders and every background refresh; null for a pool of the
     *     client's own (shut down on close)
     * @param discovery what keeps the server list to a configuration endpoint, stopped on close; null if none
     */
    DefaultMemcache(
            Engine engine,
            Transcoder<V> transcoder,
            ExecutorService ownedCallbackExecutor,
            Executor loaderExecutor,
            ClusterFollower discovery) {
        this.engine = engine;
        this.discovery = discovery;
        this.c = new CommandTable<>(engine, transcoder);
        this.ownedLoaderExecutor = loaderExecutor == null ? LeaseCache.dedicatedLoaders() : null;
        LeaseCache<V> leases = c.leases(
                engine.settings.callbackExecutor(), loaderExecutor != null ? loaderExecutor : ownedLoaderExecutor);
        LoaderGuard<V> loads = new LoaderGuard<>();
        this.run = new BlockingCalls<>(c, leases, loads);
        this.async = new DefaultAsyncMemcache<>(c, new AsyncCalls<>(c, leases, loads));
        this.ownedCallbackExecutor = ownedCallbackExecutor;
    }

    @Override
    public V get(String key) {
        return run.run(c.get, key);
    }

    @Override
    public Item<V> gets(String key) {
        return run.run(c.gets, key);
    }

    @Override
    public V gat(String key, Duration ttl) {
        return run.run(c.gat, key, ttl);
    }

    @Override
    public Item<V> gats(String key, Duration ttl) {
        return run.run(c.gats, key, ttl);
    }

    @Override
    public Map<String, V> getMulti(Collection<String> keys) {
        return run.fanOut(c.getMulti(keys));
    }

    @Override
    public Map<String, Item<V>> getsMulti(Collection<String> keys) {
        return run.fanOut(c.getsMulti(keys));
    }

    @Override
    public void set(String key, V value, Store options) {
        run.store(c.set, key, value, options, 0);
    }

    @Override
    public void add(String key, V value, Store options) {
        run.store(c.add, key, value, options, 0);
    }

    @Override
    public void replace(String key, V value, Store options) {
        run.store(c.replace, key, value, options, 0);
    }

    @Override
    public void append(String key, V value) {
        run.store(c.append, key, value, Store.DEFAULT, 0);
    }

    @Override
    public void prepend(String key, V value) {
        run.store(c.prepend, key, value, Store.DEFAULT, 0);
    }

    @Override
    public void cas(String key, V value, long cas, Store options) {
        run.store(c.cas, key, value, options, cas);
    }

    @Override
    public boolean delete(String key) {
        return run.run(c.delete, key);
    }

    @Override
    public boolean delete(String key, long cas) {
        return run.run(c.deleteCas, key, cas);
    }

    @Override
    public boolean deleteAll(String key) {
        return run.fanOut(c.deleteAll(key));
    }

    @Override
    public Map<String, Boolean> deleteMulti(Collection<String> keys) {
        return run.fanOut(c.deleteMulti(keys));
    }

    @Override
    public void touch(String key, Duration ttl) {
        run.run(c.touch, key, ttl);
    }

    @Override
    public long incr(String key, long delta) {
        return run.run(c.incr, key, delta);
    }

    @Override
    public long decr(String key, long delta) {
        return run.run(c.decr, key, delta);
    }

    @Override
    public long incr(String key, long delta, long initial, Duration ttl) {
        return run.arithmetic(c.incr, key, delta, initial, ttl);
    }

    @Override
    public long decr(String key, long delta, long initial, Duration ttl) {
        return run.arithmetic(c.decr, key, delta, initial, ttl);
    }

    @Override
    public Map<String, StoreResult> setMulti(Map<String, V> values, Store options) {
        return run.fanOut(c.setMulti(values, options));
    }

    /** The lease steps and the loader run on the calling thread. */
    @Override
    public V cache(String key, Function<String, V> loader, Store options) {
        return run.cache(key, loader, options);
    }

    @Override
    public boolean invalidate(String key) {
        return run.run(c.invalidate, key);
    }

    @Override
    public void flushAll(Duration delay) {
        run.fanOut(c.flushAll(delay));
    }

    @Override
    public List<ServerStats> stats(String kind) {
        return run.fanOut(c.stats(kind));
    }

    @Override
    public Map<ServerAddress, String> version() {
        return run.fanOut(c.version());
    }

    @Override
    public void updateServers(String... uris) {
        List<ServerAddress> parsed = new ArrayList<>(uris.length);
        for (String uri : uris) {
            parsed.add(ServerAddress.parse(uri));
        }
        engine.updateServers(parsed);
    }

    @Override
    public List<ServerAddress> servers() {
        List<ServerAddress> out = new ArrayList<>();
        for (Node n : engine.nodes()) {
            out.add(n.address());
        }
        return out;
    }

    @Override
    public AsyncMemcache<V> async() {
        return async;
    }

    @Override
    public void close() {
        if (discovery != null) {
            discovery.close();
        }
        engine.close();
        if (ownedCallbackExecutor != null) {
            ownedCallbackExecutor.shutdown();
        }
        if (ownedLoaderExecutor != null) {
            ownedLoaderExecutor.shutdown();
        }
    }

    @Override
    public ExceptionsAreMissesMemcache<V> exceptionsAreMisses() {
        return new ExceptionsAreMissesMemcache<>(this);
    }

    @Override
    public ConcurrentMap<String, V> asMap() {
        return new MemcacheMap<>(this);
    }

    @Override
    public Value<V> value(String key) {
        return new Value<>(this, gets(key));
    }
}
