package io.memcached2.internal.commands;

import io.memcached2.Item;
import io.memcached2.ServerAddress;
import io.memcached2.ServerStats;
import io.memcached2.Store;
import io.memcached2.StoreResult;
import io.memcached2.event.Outcome;
import io.memcached2.internal.commands.Single.Kind;
import io.memcached2.internal.protocol.Op;
import io.memcached2.internal.protocol.StatsArguments;
import io.memcached2.internal.routing.Engine;
import io.memcached2.internal.transport.Node;
import io.memcached2.internal.transport.Request;
import io.memcached2.transcode.Transcoder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Every command, defined once: its name in events, its argument checks and request filling, its reply mapping and
 * its miss policy. The executors ({@link BlockingCalls}, {@link AsyncCalls}) run these definitions; the clients only
 * pick one. Commands of one request are {@link Single} fields; commands of several requests are {@link FanOut}s
 * made per call; incr/decr with an initial value and {@code cache()} are steps the executors run.
 *
 * @param <V> the value type
 */
public final class CommandTable<V> {
    final Engine engine;
    final Outcomes<V> outcomes;
    final StorePreparer<V> stores;

    /** get: the value; a miss throws NoValue (blocking) or is null (async). */
    public final Single<V> get;
    /** gets: the item with its CAS unique. */
    public final Single<Item<V>> gets;
    /** gat: get and set the TTL. */
    public final Single<V> gat;
    /** gats: gets and set the TTL. */
    public final Single<Item<V>> gats;
    /** set. */
    public final Single<Void> set;
    /** add: only if absent. */
    public final Single<Void> add;
    /** replace: only if present. */
    public final Single<Void> replace;
    /** append to the value. */
    public final Single<Void> append;
    /** prepend to the value. */
    public final Single<Void> prepend;
    /** cas: store only over the item with this CAS unique. */
    public final Single<Void> cas;
    /** delete. */
    public final Single<Boolean> delete;
    /** delete only the item with this CAS unique. */
    public final Single<Boolean> deleteCas;
    /** touch: set the TTL. */
    public final Single<Void> touch;
    /** incr by an unsigned delta. */
    public final Single<Long> incr;
    /** decr by an unsigned delta. */
    public final Single<Long> decr;
    /** invalidate: mark stale for cache() (meta), else delete. */
    public final Single<Boolean> invalidate;

    /** Makes the table of one client. */
    public CommandTable(Engine engine, Transcoder<V> transcoder) {
        this.engine = engine;
        this.outcomes = new Outcomes<>(transcoder);
        this.stores = new StorePreparer<>(engine, transcoder);
        get = new Single<>(
                "get",
                Kind.READ,
                (r, k, v, n, t, o) -> r.get(Op.GET, k, engine.keyForm(k), null),
                outcomes.valueOrMiss,
                outcomes.valueOrNull);
        gets = new Single<>(
                "gets",
                Kind.READ,
                (r, k, v, n, t, o) -> r.get(Op.GETS, k, engine.keyForm(k), null),
                outcomes.itemOrMiss,
                outcomes.itemOrNull);
        gat = new Single<>(
                "gat",
                Kind.READ,
                (r, k, v, n, t, o) -> r.getAndTouch(Op.GAT, k, engine.keyForm(k), Ttl.exptime(t)),
                outcomes.valueOrMiss,
                outcomes.valueOrNull);
        gats = new Single<>(
                "gats",
                Kind.READ,
                (r, k, v, n, t, o) -> r.getAndTouch(Op.GATS, k, engine.keyForm(k), Ttl.exptime(t)),
                outcomes.itemOrMiss,
                outcomes.itemOrNull);
        set = store("set", Op.SET);
        add = store("add", Op.ADD);
        replace = store("replace", Op.REPLACE);
        append = store("append", Op.APPEND);
        prepend = store("prepend", Op.PREPEND);
        cas = store("cas", Op.CAS);
        delete = new Single<>(
                "delete", Kind.CHANGE, (r, k, v, n, t, o) -> r.delete(k, engine.keyForm(k), 0), Outcomes.DELETED);
        deleteCas = new Single<>(
                "delete",
                Kind.CHANGE,
                (r, k, v, n, t, o) -> r.delete(k, engine.keyForm(k), Cas.check(n)),
                Outcomes.DELETED);
        touch = new Single<>(
                "touch",
                Kind.CHANGE,
                (r, k, v, n, t, o) -> r.touch(k, engine.keyForm(k), Ttl.exptime(t)),
                Outcomes.TOUCHED);
        incr = new Single<>(
                "incr", Kind.CHANGE, (r, k, v, n, t, o) -> engine.arithmetic(r, Op.INCR, k, n), Outcomes.NUMBER);
        decr = new Single<>(
                "decr", Kind.CHANGE, (r, k, v, n, t, o) -> engine.arithmetic(r, Op.DECR, k, n), Outcomes.NUMBER);
        invalidate = new Single<>(
                "invalidate", Kind.CHANGE, (r, k, v, n, t, o) -> invalidateRequest(r, k), Outcomes.DELETED);
    }

    /**
     * @param callbacks runs the asynchronous cache()'s steps
     * @param loaders runs the asynchronous cache()'s loaders and every background refresh
     * @return the lease machinery of cache(), one per client, shared by its two executors
     */
    public LeaseCache<V> leases(java.util.concurrent.Executor callbacks, java.util.concurrent.Executor loaders) {
        return new LeaseCache<>(engine, outcomes, stores, callbacks, loaders);
    }

    @SuppressWarnings("unchecked")
    private Single<Void> store(String name, Op op) {
        return new Single<>(
                name,
                Kind.STORE,
                (r, k, v, n, t, o) -> stores.prepare(r, op, k, (V) v, o, op == Op.CAS ? Cas.check(n) : 0),
                Outcomes.STORED);
    }

    /** Marks the key stale with the meta protocol (one reader recomputes it); deletes it with the others. */
    <R extends Request> R invalidateRequest(R r, String key) {
        byte form = engine.keyForm(key);
        if (engine.nodeFor(key).speaksMeta()) {
            r.invalidate(key, form, Ttl.exptime(Duration.ofSeconds(LeaseCache.LEASE_SECONDS)));
        } else {
            r.delete(key, form, 0);
        }
        return r;
    }

    /** @return getMulti: a get per server holding some of the keys, merged into the hits */
    public FanOut<Map<String, V>> getMulti(Collection<String> keys) {
        return new MultiGet<>(this, keys, Op.GET_MULTI) {
            @Override
            Map<String, V> merge() {
                return MultiGets.values(keys, parts, outcomes);
            }
        };
    }

    /** @return getsMulti: as {@link #getMulti}, with CAS uniques */
    public FanOut<Map<String, Item<V>>> getsMulti(Collection<String> keys) {
        return new MultiGet<>(this, keys, Op.GETS_MULTI) {
            @Override
            Map<String, Item<V>> merge() {
                return MultiGets.items(keys, parts, outcomes);
            }
        };
    }

    /** One request per server holding some of the keys. */
    private abstract static class MultiGet<M extends Map<String, ?>> extends FanOut<M> {
        final Collection<String> keys;
        private final Op op;
        private final Engine engine;
        final List<Request> parts = new ArrayList<>();

        MultiGet(CommandTable<?> table, Collection<String> keys, Op op) {
            super(op == Op.GET_MULTI ? "get" : "gets", keys.size());
            this.engine = table.engine;
            this.keys = keys;
            this.op = op;
        }

        @Override
        Collection<? extends Request> send(Supplier<Request> make) {
            Map<Node, List<String>> byNode = engine.split(keys);
            for (Map.Entry<Node, List<String>> e : byNode.entrySet()) {
                Request r = engine.multiGet(make.get(), op, e.getValue());
                engine.submitPart(e.getKey(), r);
                parts.add(r);
            }
            return parts;
        }

        @Override
        Outcome outcome(M result) {
            return result.isEmpty() ? Outcome.MISS : Outcome.HIT;
        }

        @Override
        int hits(M result) {
            return result.size();
        }
    }

    /** @return deleteAll: a delete of the key on every server */
    public FanOut<Boolean> deleteAll(String key) {
        return new FanOut<>("delete", 1) {
            private Map<Node, Request> requests;

            @Override
            Collection<? extends Request> send(Supplier<Request> make) {
                requests = EveryServer.delete(engine, key, make);
                return requests.values();
            }

            @Override
            Boolean merge() {
                return EveryServer.deleted(requests);
            }
        };
    }

    /** @return deleteMulti: a delete per distinct key */
    public FanOut<Map<String, Boolean>> deleteMulti(Collection<String> keys) {
        return new FanOut<>("delete", keys.size()) {
            private Map<String, Request> requests;

            @Override
            Collection<? extends Request> send(Supplier<Request> make) {
                requests = MultiDeletes.send(engine, keys, make);
                return requests.values();
            }

            @Override
            Map<String, Boolean> merge() {
                return MultiDeletes.results(requests);
            }
        };
    }

    /** @return setMulti: a set per key */
    public FanOut<Map<String, StoreResult>> setMulti(Map<String, V> values, Store options) {
        return new FanOut<>("set", values.size()) {
            private Map<String, Request> requests;

            @Override
            Collection<? extends Request> send(Supplier<Request> make) {
                requests = MultiStores.send(engine, stores, values, options, make);
                return requests.values();
            }

            @Override
            Map<String, StoreResult> merge() {
                return MultiStores.results(requests);
            }

            @Override
            Outcome outcome(Map<String, StoreResult> result) {
                return Outcome.STORED;
            }
        };
    }

    /** @return flush_all on every server, after this delay */
    public FanOut<Void> flushAll(Duration delay) {
        return new FanOut<>("flush_all", 0) {
            private Map<Node, Request> requests;

            @Override
            Collection<? extends Request> send(Supplier<Request> make) {
                requests = EveryServer.flush(engine, Ttl.exptime(delay), make);
                return requests.values();
            }

            @Override
            Void merge() {
                EveryServer.flushed(requests);
                return null;
            }
        };
    }

    /** @return stats (a sub-command, or null for the general statistics) of every server */
    public FanOut<List<ServerStats>> stats(String kind) {
        return new FanOut<>("stats", 0) {
            private Map<Node, Request> requests;

            @Override
            Collection<? extends Request> send(Supplier<Request> make) {
                requests = EveryServer.stats(engine, StatsArguments.check(kind), make);
                return requests.values();
            }

            @Override
            List<ServerStats> merge() {
                return EveryServer.stats(requests);
            }
        };
    }

    /** @return version of every server */
    public FanOut<Map<ServerAddress, String>> version() {
        return new FanOut<>("version", 0) {
            private Map<Node, Request> requests;

            @Override
            Collection<? extends Request> send(Supplier<Request> make) {
                requests = EveryServer.version(engine, make);
                return requests.values();
            }

            @Override
            Map<ServerAddress, String> merge() {
                return EveryServer.versions(requests);
            }
        };
    }
}
