package io.memcached2;

import io.memcached2.internal.protocol.Op;
import io.memcached2.internal.transport.AsyncRequest;
import io.memcached2.internal.transport.Node;
import io.memcached2.internal.transport.ReplyMapper;
import io.memcached2.internal.transport.Request;
import io.memcached2.transcode.Transcoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import io.memcached2.internal.protocol.Keys;
import io.memcached2.internal.protocol.StatsArguments;
import java.util.function.Function;

/** The asynchronous client over the engine. */
final class DefaultAsyncMemcache<V> implements AsyncMemcache<V> {
    private static final ReplyMapper<Request> SELF = r -> {
        Outcomes.status(r);
        return r;
    };
    /** For requests whose outcomes are read from the requests once all are complete. */
    private static final ReplyMapper<Void> DONE = r -> null;

    private final Engine engine;
    private final Outcomes<V> outcomes;
    private final StorePreparer<V> stores;
    private final LoaderGuard<V> loads = new LoaderGuard<>();
    private final LeaseCache<V> leases;

    /**
     * @param callbacks completes the futures
     * @param loaders runs cache()'s loaders and background refreshes
     */
    DefaultAsyncMemcache(Engine engine, Transcoder<V> transcoder, Executor callbacks, Executor loaders) {
        this.engine = engine;
        this.outcomes = new Outcomes<>(transcoder);
        this.stores = new StorePreparer<>(engine, transcoder);
        this.leases = new LeaseCache<>(engine, outcomes, stores, callbacks, loaders);
    }

    private <T> CompletableFuture<T> send(AsyncRequest<T> r) {
        return engine.send(r).future();
    }

    private <T> AsyncRequest<T> keyed(ReplyMapper<T> mapper, Op op, String key) {
        return engine.keyed(new AsyncRequest<>(mapper), op, key);
    }

    @Override
    public CompletableFuture<V> get(String key) {
        return send(keyed(outcomes.valueOrNull, Op.GET, key));
    }

    @Override
    public CompletableFuture<Item<V>> gets(String key) {
        return send(keyed(outcomes.itemOrNull, Op.GETS, key));
    }

    @Override
    public CompletableFuture<V> gat(String key, Duration ttl) {
        AsyncRequest<V> r = keyed(outcomes.valueOrNull, Op.GAT, key);
        r.exptime = Ttl.exptime(ttl);
        return send(r);
    }

    @Override
    public CompletableFuture<Item<V>> gats(String key, Duration ttl) {
        AsyncRequest<Item<V>> r = keyed(outcomes.itemOrNull, Op.GATS, key);
        r.exptime = Ttl.exptime(ttl);
        return send(r);
    }

    @Override
    public CompletableFuture<Map<String, V>> getMulti(Collection<String> keys) {
        return multiGet(keys, Op.GET_MULTI).thenApply(parts -> MultiGets.values(keys, parts, outcomes));
    }

    @Override
    public CompletableFuture<Map<String, Item<V>>> getsMulti(Collection<String> keys) {
        return multiGet(keys, Op.GETS_MULTI).thenApply(parts -> MultiGets.items(keys, parts, outcomes));
    }

    private CompletableFuture<List<Request>> multiGet(Collection<String> keys, Op op) {
        Map<Node, List<String>> byNode = engine.split(keys);
        List<CompletableFuture<Request>> futures = new ArrayList<>(byNode.size());
        for (Map.Entry<Node, List<String>> e : byNode.entrySet()) {
            AsyncRequest<Request> r = engine.multiGet(new AsyncRequest<>(SELF), op, e.getValue());
            engine.submitPart(e.getKey(), r);
            futures.add(r.future());
        }
        return all(futures);
    }

    /** @return a future completed once every request is (their futures never fail: their mapper is DONE) */
    private static CompletableFuture<Void> whenAll(Collection<AsyncRequest<Void>> requests) {
        return CompletableFuture.allOf(requests.stream().map(AsyncRequest::future).toArray(CompletableFuture<?>[]::new));
    }

    private static AsyncRequest<Void> done() {
        return new AsyncRequest<>(DONE);
    }

    static <T> CompletableFuture<List<T>> all(List<CompletableFuture<T>> futures) {
        return CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0])).thenApply(v -> {
            List<T> out = new ArrayList<>(futures.size());
            for (CompletableFuture<T> f : futures) {
                out.add(f.join());
            }
            return out;
        });
    }

    private AsyncRequest<Void> storeRequest(Op op, String key, V value, Store options, long cas) {
        return stores.prepare(new AsyncRequest<>(Outcomes.STORED), op, key, value, options, cas);
    }

    @Override
    public CompletableFuture<Void> set(String key, V value) {
        return set(key, value, Store.DEFAULT);
    }

    @Override
    public CompletableFuture<Void> set(String key, V value, Store options) {
        return send(storeRequest(Op.SET, key, value, options, 0));
    }

    @Override
    public CompletableFuture<Void> add(String key, V value) {
        return add(key, value, Store.DEFAULT);
    }

    @Override
    public CompletableFuture<Void> add(String key, V value, Store options) {
        return send(storeRequest(Op.ADD, key, value, options, 0));
    }

    @Override
    public CompletableFuture<Void> replace(String key, V value) {
        return replace(key, value, Store.DEFAULT);
    }

    @Override
    public CompletableFuture<Void> replace(String key, V value, Store options) {
        return send(storeRequest(Op.REPLACE, key, value, options, 0));
    }

    @Override
    public CompletableFuture<Void> append(String key, V value) {
        return send(storeRequest(Op.APPEND, key, value, Store.DEFAULT, 0));
    }

    @Override
    public CompletableFuture<Void> prepend(String key, V value) {
        return send(storeRequest(Op.PREPEND, key, value, Store.DEFAULT, 0));
    }

    @Override
    public CompletableFuture<Void> cas(String key, V value, long cas) {
        return cas(key, value, cas, Store.DEFAULT);
    }

    @Override
    public CompletableFuture<Void> cas(String key, V value, long cas, Store options) {
        return send(storeRequest(Op.CAS, key, value, options, Cas.check(cas)));
    }

    @Override
    public CompletableFuture<Boolean> delete(String key) {
        return send(keyed(Outcomes.DELETED, Op.DELETE, key));
    }

    @Override
    public CompletableFuture<Boolean> delete(String key, long cas) {
        AsyncRequest<Boolean> r = keyed(Outcomes.DELETED, Op.DELETE, key);
        r.compareCas = Cas.check(cas);
        return send(r);
    }

    @Override
    public CompletableFuture<Boolean> deleteAll(String key) {
        Map<Node, AsyncRequest<Void>> requests = EveryServer.delete(engine, key, DefaultAsyncMemcache::done);
        return whenAll(requests.values()).thenApply(v -> EveryServer.deleted(requests));
    }

    @Override
    public CompletableFuture<Map<String, Boolean>> deleteMulti(Collection<String> keys) {
        Map<String, AsyncRequest<Void>> requests = MultiDeletes.send(engine, keys, DefaultAsyncMemcache::done);
        return whenAll(requests.values()).thenApply(v -> MultiDeletes.results(requests));
    }

    @Override
    public CompletableFuture<Void> touch(String key, Duration ttl) {
        AsyncRequest<Void> r = keyed(Outcomes.TOUCHED, Op.TOUCH, key);
        r.exptime = Ttl.exptime(ttl);
        return send(r);
    }

    @Override
    public CompletableFuture<Long> incr(String key, long delta) {
        return send(arithmetic(Op.INCR, key, delta));
    }

    @Override
    public CompletableFuture<Long> decr(String key, long delta) {
        return send(arithmetic(Op.DECR, key, delta));
    }

    @Override
    public CompletableFuture<Long> incr(String key, long delta, long initial, Duration ttl) {
        return arithmeticOrCreate(Op.INCR, key, delta, initial, ttl);
    }

    @Override
    public CompletableFuture<Long> decr(String key, long delta, long initial, Duration ttl) {
        return arithmeticOrCreate(Op.DECR, key, delta, initial, ttl);
    }

    AsyncRequest<Long> arithmetic(Op op, String key, long delta) {
        return engine.arithmetic(new AsyncRequest<>(Outcomes.NUMBER), op, key, delta);
    }

    private CompletableFuture<Long> arithmeticOrCreate(Op op, String key, long delta, long initial, Duration ttl) {
        int exptime = Ttl.exptime(ttl);
        AsyncRequest<Long> r = arithmetic(op, key, delta);
        if (engine.nodeFor(key).createsOnArithmetic()) {
            return send(autoCreate(r, initial, exptime));
        }
        // Text protocol: incr, and on a miss add the initial value; if another client added first, incr again.
        byte[] text = decimal(initial);
        return send(r).handle((n, err) -> {
            if (err == null) {
                return CompletableFuture.completedFuture(n);
            }
            if (!(unwrap(err) instanceof NotFound)) {
                return CompletableFuture.<Long>failedFuture(unwrap(err));
            }
            AsyncRequest<Void> add = engine.store(new AsyncRequest<>(Outcomes.STORED), Op.ADD, key, text, 0, exptime);
            return send(add).handle((ok, addErr) -> {
                if (addErr == null) {
                    return CompletableFuture.completedFuture(initial);
                }
                if (unwrap(addErr) instanceof NotStored) {
                    return send(arithmetic(op, key, delta));
                }
                return CompletableFuture.<Long>failedFuture(unwrap(addErr));
            }).thenCompose(Function.identity());
        }).thenCompose(Function.identity());
    }

    /** Meta incr/decr: creates the counter at {@code initial} with this exptime when it is missing. */
    static <R extends Request> R autoCreate(R r, long initial, int exptime) {
        r.autoCreate = true;
        r.initial = initial;
        r.exptime = exptime;
        return r;
    }

    /** @return the counter's initial value as memcached stores it: unsigned decimal ASCII */
    static byte[] decimal(long initial) {
        return Long.toUnsignedString(initial).getBytes(StandardCharsets.US_ASCII);
    }

    static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    @Override
    public CompletableFuture<Map<String, StoreResult>> setMulti(Map<String, V> values) {
        return setMulti(values, Store.DEFAULT);
    }

    @Override
    public CompletableFuture<Map<String, StoreResult>> setMulti(Map<String, V> values, Store options) {
        Map<String, AsyncRequest<Void>> requests = MultiStores.send(engine, stores, values, options,
                DefaultAsyncMemcache::done);
        return whenAll(requests.values()).thenApply(v -> MultiStores.results(requests));
    }

    @Override
    public CompletableFuture<V> cache(String key, Function<String, V> loader) {
        return cache(key, loader, Store.DEFAULT);
    }

    /** The loader runs on the loader executor; no thread waits for the lease; see {@link LeaseCache}. */
    @Override
    public CompletableFuture<V> cache(String key, Function<String, V> loader, Store options) {
        Keys.check(key, true);
        Objects.requireNonNull(loader, "loader");
        Objects.requireNonNull(options, "options");
        return loads.load(key, () -> leases.get(key, loader, options));
    }

    /** The blocking client's cache(): the same steps, and the loader, on the calling thread. */
    V cacheOnThisThread(String key, Function<String, V> loader, Store options) {
        Keys.check(key, true);
        Objects.requireNonNull(loader, "loader");
        Objects.requireNonNull(options, "options");
        return loads.run(key, () -> leases.getOnThisThread(key, loader, options));
    }

    <R extends Request> R invalidateRequest(R r, String key) {
        engine.keyed(r, Op.DELETE, key);
        if (engine.nodeFor(key).speaksMeta()) {
            LeaseCache.invalidate(r, Duration.ofSeconds(LeaseCache.LEASE_SECONDS));
        }
        return r;
    }

    @Override
    public CompletableFuture<Boolean> invalidate(String key) {
        return send(invalidateRequest(new AsyncRequest<>(Outcomes.DELETED), key));
    }

    @Override
    public CompletableFuture<Void> flushAll() {
        return flushAll(Duration.ZERO);
    }

    @Override
    public CompletableFuture<Void> flushAll(Duration delay) {
        Map<Node, AsyncRequest<Void>> requests = EveryServer.flush(engine, Ttl.exptime(delay),
                DefaultAsyncMemcache::done);
        return whenAll(requests.values()).thenApply(v -> {
            EveryServer.flushed(requests);
            return null;
        });
    }

    @Override
    public CompletableFuture<List<ServerStats>> stats() {
        return stats(null);
    }

    @Override
    public CompletableFuture<List<ServerStats>> stats(String kind) {
        Map<Node, AsyncRequest<Void>> requests = EveryServer.stats(engine, StatsArguments.check(kind),
                DefaultAsyncMemcache::done);
        return whenAll(requests.values()).thenApply(v -> EveryServer.stats(requests));
    }

    @Override
    public CompletableFuture<Map<ServerAddress, String>> version() {
        Map<Node, AsyncRequest<Void>> requests = EveryServer.version(engine, DefaultAsyncMemcache::done);
        return whenAll(requests.values()).thenApply(v -> EveryServer.versions(requests));
    }
}
