package io.memcached2;

import io.memcached2.internal.protocol.Op;
import io.memcached2.internal.protocol.StatsArguments;
import io.memcached2.internal.protocol.Status;
import io.memcached2.internal.transport.BlockingRequest;
import io.memcached2.internal.transport.IoResources;
import io.memcached2.internal.transport.Node;
import io.memcached2.internal.transport.ReplyMapper;
import io.memcached2.internal.transport.Request;
import io.memcached2.transcode.Transcoder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The blocking client. Every command parks the caller on {@link BlockingRequest}s (no future, no thread hop, nothing
 * waiting for the callback executor); the commands with several requests or steps keep to {@link CallBound}.
 */
final class DefaultMemcache<V> implements Memcache<V> {
    private final Engine engine;
    private final Outcomes<V> outcomes;
    private final StorePreparer<V> stores;
    private final DefaultAsyncMemcache<V> async;
    private final ExecutorService ownedCallbackExecutor;
    private final ExecutorService ownedLoaderExecutor;
    private final long safetyNanos;
    private final CallBound bound;
    private final ClusterFollower discovery;

    /**
     * A client whose async cache() loads on a pool of its own.
     *
     * @param ownedCallbackExecutor the callback executor if the client made it (shut down on close), else null
     * @param loaderExecutor runs the async cache()'s loaders and every background refresh; null for a pool of the
     *     client's own (shut down on close)
     * @param discovery what keeps the server list to a configuration endpoint, stopped on close; null if none
     */
    DefaultMemcache(Engine engine, Transcoder<V> transcoder, ExecutorService ownedCallbackExecutor,
            Executor loaderExecutor, ClusterFollower discovery) {
        this.engine = engine;
        this.discovery = discovery;
        this.outcomes = new Outcomes<>(transcoder);
        this.stores = new StorePreparer<>(engine, transcoder);
        this.ownedLoaderExecutor = loaderExecutor == null ? LeaseCache.dedicatedLoaders() : null;
        this.async = new DefaultAsyncMemcache<>(engine, transcoder, engine.settings.callbackExecutor(),
                loaderExecutor != null ? loaderExecutor : ownedLoaderExecutor);
        this.ownedCallbackExecutor = ownedCallbackExecutor;
        this.safetyNanos = engine.settings.operationTimeoutNanos() * 2 + TimeUnit.SECONDS.toNanos(5);
        this.bound = new CallBound(engine.settings.requestLifetimeNanos());
    }

    private static void refuseOnIoThread() {
        if (IoResources.onIoThread()) {
            throw new IllegalStateException("blocking memcached call on one of the client's I/O threads; use async()"
                    + " from callbacks, or move the work to another executor");
        }
    }

    private <T> T call(BlockingRequest r, ReplyMapper<T> mapper) {
        refuseOnIoThread();
        engine.send(r);
        r.await(safetyNanos);
        return mapper.map(r);
    }

    private BlockingRequest keyed(Op op, String key) {
        return engine.keyed(new BlockingRequest(), op, key);
    }

    /** Sends one step of a multi-step command and waits for it within the call's bound. */
    private BlockingRequest step(BlockingRequest r) {
        engine.send(r);
        return bound.await(r);
    }

    /** @return whether the request completed with this answer from the server */
    private static boolean answered(Request r, Status status) {
        return r.isDone() && r.failure() == null && r.status == status;
    }

    private static BlockingRequest blocking() {
        return new BlockingRequest();
    }

    @Override
    public V get(String key) {
        return call(keyed(Op.GET, key), outcomes.valueOrMiss);
    }

    @Override
    public Item<V> gets(String key) {
        return call(keyed(Op.GETS, key), outcomes.itemOrMiss);
    }

    @Override
    public V gat(String key, Duration ttl) {
        BlockingRequest r = keyed(Op.GAT, key);
        r.exptime = Ttl.exptime(ttl);
        return call(r, outcomes.valueOrMiss);
    }

    @Override
    public Item<V> gats(String key, Duration ttl) {
        BlockingRequest r = keyed(Op.GATS, key);
        r.exptime = Ttl.exptime(ttl);
        return call(r, outcomes.itemOrMiss);
    }

    private List<BlockingRequest> multiGet(Collection<String> keys, Op op) {
        refuseOnIoThread();
        Map<Node, List<String>> byNode = engine.split(keys);
        List<BlockingRequest> parts = new ArrayList<>(byNode.size());
        for (Map.Entry<Node, List<String>> e : byNode.entrySet()) {
            BlockingRequest r = engine.multiGet(new BlockingRequest(), op, e.getValue());
            engine.submitPart(e.getKey(), r);
            parts.add(r);
        }
        for (BlockingRequest r : parts) {
            r.await(safetyNanos);
        }
        return parts;
    }

    @Override
    public Map<String, V> getMulti(Collection<String> keys) {
        return MultiGets.values(keys, multiGet(keys, Op.GET_MULTI), outcomes);
    }

    @Override
    public Map<String, Item<V>> getsMulti(Collection<String> keys) {
        return MultiGets.items(keys, multiGet(keys, Op.GETS_MULTI), outcomes);
    }

    private void store(Op op, String key, V value, Store options, long cas) {
        call(stores.prepare(new BlockingRequest(), op, key, value, options, cas), Outcomes.STORED);
    }

    @Override
    public void set(String key, V value) {
        store(Op.SET, key, value, Store.DEFAULT, 0);
    }

    @Override
    public void set(String key, V value, Store options) {
        store(Op.SET, key, value, options, 0);
    }

    @Override
    public void add(String key, V value) {
        store(Op.ADD, key, value, Store.DEFAULT, 0);
    }

    @Override
    public void add(String key, V value, Store options) {
        store(Op.ADD, key, value, options, 0);
    }

    @Override
    public void replace(String key, V value) {
        store(Op.REPLACE, key, value, Store.DEFAULT, 0);
    }

    @Override
    public void replace(String key, V value, Store options) {
        store(Op.REPLACE, key, value, options, 0);
    }

    @Override
    public void append(String key, V value) {
        store(Op.APPEND, key, value, Store.DEFAULT, 0);
    }

    @Override
    public void prepend(String key, V value) {
        store(Op.PREPEND, key, value, Store.DEFAULT, 0);
    }

    @Override
    public void cas(String key, V value, long cas) {
        store(Op.CAS, key, value, Store.DEFAULT, Cas.check(cas));
    }

    @Override
    public void cas(String key, V value, long cas, Store options) {
        store(Op.CAS, key, value, options, Cas.check(cas));
    }

    @Override
    public boolean delete(String key) {
        return call(keyed(Op.DELETE, key), Outcomes.DELETED);
    }

    @Override
    public boolean delete(String key, long cas) {
        BlockingRequest r = keyed(Op.DELETE, key);
        r.compareCas = Cas.check(cas);
        return call(r, Outcomes.DELETED);
    }

    @Override
    public boolean deleteAll(String key) {
        refuseOnIoThread();
        Map<Node, BlockingRequest> requests = EveryServer.delete(engine, key, DefaultMemcache::blocking);
        bound.awaitAll(requests.values());
        return EveryServer.deleted(requests);
    }

    @Override
    public Map<String, Boolean> deleteMulti(Collection<String> keys) {
        refuseOnIoThread();
        Map<String, BlockingRequest> requests = MultiDeletes.send(engine, keys, DefaultMemcache::blocking);
        bound.awaitAll(requests.values());
        return MultiDeletes.results(requests);
    }

    @Override
    public void touch(String key, Duration ttl) {
        BlockingRequest r = keyed(Op.TOUCH, key);
        r.exptime = Ttl.exptime(ttl);
        call(r, Outcomes.TOUCHED);
    }

    private long arithmetic(Op op, String key, long delta) {
        return call(engine.arithmetic(new BlockingRequest(), op, key, delta), Outcomes.NUMBER);
    }

    @Override
    public long incr(String key, long delta) {
        return arithmetic(Op.INCR, key, delta);
    }

    @Override
    public long decr(String key, long delta) {
        return arithmetic(Op.DECR, key, delta);
    }

    @Override
    public long incr(String key, long delta, long initial, Duration ttl) {
        return arithmeticOrCreate(Op.INCR, key, delta, initial, ttl);
    }

    @Override
    public long decr(String key, long delta, long initial, Duration ttl) {
        return arithmeticOrCreate(Op.DECR, key, delta, initial, ttl);
    }

    private long arithmeticOrCreate(Op op, String key, long delta, long initial, Duration ttl) {
        refuseOnIoThread();
        int exptime = Ttl.exptime(ttl);
        BlockingRequest r = engine.arithmetic(blocking(), op, key, delta);
        if (engine.nodeFor(key).createsOnArithmetic()) {
            return CallBound.outcome(step(DefaultAsyncMemcache.autoCreate(r, initial, exptime)), Outcomes.NUMBER);
        }
        // Text protocol: incr, and on a miss add the initial value; if another client added first, incr again.
        if (!answered(step(r), Status.NOT_FOUND)) {
            return CallBound.outcome(r, Outcomes.NUMBER);
        }
        BlockingRequest add = step(engine.store(blocking(), Op.ADD, key, DefaultAsyncMemcache.decimal(initial), 0,
                exptime));
        if (!answered(add, Status.NOT_STORED)) {
            CallBound.outcome(add, Outcomes.STORED);
            return initial;
        }
        return CallBound.outcome(step(engine.arithmetic(blocking(), op, key, delta)), Outcomes.NUMBER);
    }

    @Override
    public Map<String, StoreResult> setMulti(Map<String, V> values) {
        return setMulti(values, Store.DEFAULT);
    }

    @Override
    public Map<String, StoreResult> setMulti(Map<String, V> values, Store options) {
        refuseOnIoThread();
        Map<String, BlockingRequest> requests = MultiStores.send(engine, stores, values, options,
                DefaultMemcache::blocking);
        bound.awaitAll(requests.values());
        return MultiStores.results(requests);
    }

    @Override
    public V cache(String key, Function<String, V> loader) {
        return cache(key, loader, Store.DEFAULT);
    }

    @Override
    public V cache(String key, Function<String, V> loader, Store options) {
        refuseOnIoThread();
        return async.cacheOnThisThread(key, loader, options);
    }

    @Override
    public boolean invalidate(String key) {
        return call(async.invalidateRequest(new BlockingRequest(), key), Outcomes.DELETED);
    }

    @Override
    public void flushAll() {
        flushAll(Duration.ZERO);
    }

    @Override
    public void flushAll(Duration delay) {
        refuseOnIoThread();
        Map<Node, BlockingRequest> requests = EveryServer.flush(engine, Ttl.exptime(delay), DefaultMemcache::blocking);
        bound.awaitAll(requests.values());
        EveryServer.flushed(requests);
    }

    @Override
    public List<ServerStats> stats() {
        return stats(null);
    }

    @Override
    public List<ServerStats> stats(String kind) {
        refuseOnIoThread();
        Map<Node, BlockingRequest> requests = EveryServer.stats(engine, StatsArguments.check(kind),
                DefaultMemcache::blocking);
        bound.awaitAll(requests.values());
        return EveryServer.stats(requests);
    }

    @Override
    public Map<ServerAddress, String> version() {
        refuseOnIoThread();
        Map<Node, BlockingRequest> requests = EveryServer.version(engine, DefaultMemcache::blocking);
        bound.awaitAll(requests.values());
        return EveryServer.versions(requests);
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
    public java.util.concurrent.ConcurrentMap<String, V> asMap() {
        return new MemcacheMap<>(this);
    }

    @Override
    public Value<V> value(String key) {
        return new Value<>(this, gets(key));
    }
}
