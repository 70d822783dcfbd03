package io.memcached2.internal.commands;

import io.memcached2.MemcachedException;
import io.memcached2.Store;
import io.memcached2.internal.protocol.Keys;
import io.memcached2.internal.protocol.MetaOptions;
import io.memcached2.internal.protocol.Op;
import io.memcached2.internal.protocol.Status;
import io.memcached2.internal.routing.Engine;
import io.memcached2.internal.transport.AsyncRequest;
import io.memcached2.internal.transport.BlockingRequest;
import io.memcached2.internal.transport.ReplyMapper;
import io.memcached2.internal.transport.Request;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code cache(key, loader)} without stampedes across processes, using the meta protocol's leases: a read that
 * misses creates an empty placeholder and hands exactly one reader (in any process) the right to compute the value
 * ({@code W}); the others see that the right is taken ({@code Z}) and read again after a pause, or read the stale
 * value when there is one ({@code X}). Early refresh ({@code R}) and invalidation ({@code md … I}) hand the right to
 * one reader while everyone keeps reading the current value. {@link LeaseReply} tells a placeholder from a value.
 * With the text protocol it degrades to get, load, set. In-process deduplication is {@link LoaderGuard}'s job; this
 * class is what one process does.
 *
 * <p>One call is a chain of steps, each started by the completion of the one before; no step waits. The
 * asynchronous client runs the steps on the callback executor and the loader on the loader executor; the blocking
 * client runs both on its caller's thread ({@link CallingThread}). Background refreshes always run on the loader
 * executor.
 *
 * @param <V> the value type
 */
public final class LeaseCache<V> {
    private static final Logger LOG = LoggerFactory.getLogger(LeaseCache.class);
    /** How long a placeholder lives if its winner dies before storing. */
    static final int LEASE_SECONDS = 30;
    /** Past the lease, so that the readers of a dead winner's placeholder see it expire and one of them wins anew. */
    private static final long MAX_WAIT_NANOS = TimeUnit.SECONDS.toNanos(LEASE_SECONDS + 5);

    private static final long FIRST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    private static final long MAX_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final ReplyMapper<Request> SELF = r -> r;
    /** A lease read's meta flags: vivify on miss; with the remaining TTL when early refresh is on. */
    private static final MetaOptions LEASE_READ = MetaOptions.lease(LEASE_SECONDS, false);

    private static final MetaOptions LEASE_READ_WITH_TTL = MetaOptions.lease(LEASE_SECONDS, true);

    private final Engine engine;
    private final Outcomes<V> outcomes;
    private final StorePreparer<V> stores;
    private final Executor callbacks;
    private final Executor loaders;
    private final long safetyNanos;
    /** Keys this process refreshes in the background, so that it asks the server for an early refresh once. */
    private final Set<String> refreshing = ConcurrentHashMap.newKeySet();

    /** How a call sends a request it prepared; the future completes with the request, failed or not. */
    private interface Io {
        CompletableFuture<Request> send(Consumer<Request> prepare);
    }

    /**
     * @param callbacks runs the asynchronous calls' steps (short, never waiting)
     * @param loaders runs the asynchronous calls' loaders and every background refresh
     */
    LeaseCache(Engine engine, Outcomes<V> outcomes, StorePreparer<V> stores, Executor callbacks, Executor loaders) {
        this.engine = engine;
        this.outcomes = outcomes;
        this.stores = stores;
        this.callbacks = callbacks;
        this.loaders = loaders;
        this.safetyNanos = engine.settings.operationTimeoutNanos() * 2 + TimeUnit.SECONDS.toNanos(5);
    }

    /**
     * The default loader executor: a thread for each load in progress, as the blocking client gives each loader its
     * caller's thread (loads of one key are shared, so this grows with the keys loading at once); daemon threads,
     * ending when idle.
     */
    public static ExecutorService dedicatedLoaders() {
        AtomicInteger n = new AtomicInteger();
        return Executors.newCachedThreadPool(task -> {
            Thread t = new Thread(task, "memcached2-loader-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * The asynchronous cache(): nothing waits; the loader runs on the loader executor.
     *
     * @param steps where each read and store of the call is added once complete, for its events; or null
     */
    CompletableFuture<V> get(String key, Function<String, V> loader, Store options, Collection<Request> steps) {
        return new Call(key, loader, options, this::sendAsync, callbacks, loaders, steps).start();
    }

    /** The blocking cache(): the same steps, run on this thread, which also runs the loader. */
    V getOnThisThread(String key, Function<String, V> loader, Store options, Collection<Request> steps) {
        CallingThread here = new CallingThread();
        Io io = prepare -> {
            CallingThread.HandOff r = here.newRequest();
            return send(r, r.future(), prepare);
        };
        return here.await(new Call(key, loader, options, io, here, here, steps).start(), safetyNanos);
    }

    private CompletableFuture<Request> sendAsync(Consumer<Request> prepare) {
        AsyncRequest<Request> r = new AsyncRequest<>(SELF);
        return send(r, r.future(), prepare);
    }

    private CompletableFuture<Request> send(Request r, CompletableFuture<Request> done, Consumer<Request> prepare) {
        try {
            prepare.accept(r);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        engine.send(r);
        return done;
    }

    private static int refreshWindowSeconds(Store options) {
        return (int) Math.min(Integer.MAX_VALUE, options.refreshAheadWindow().getSeconds());
    }

    /**
     * Asks for the early-refresh token ({@code R}) with a read of its own, so that a lease read never carries
     * {@code R} and a {@code W} on it always means a placeholder it created. Runs once per key at a time in this
     * process; the caller does not wait for it.
     */
    private void refreshEarly(String key, Function<String, V> loader, Store options) {
        if (!refreshing.add(key)) {
            return;
        }
        sendAsync(r -> {
                    r.get(Op.GETS, key, engine.keyForm(key), MetaOptions.recache(refreshWindowSeconds(options)));
                })
                .whenComplete((r, err) -> {
                    if (err == null && r.failure() == null && r.status() == Status.HIT && r.win()) {
                        refreshInBackground(key, loader, options, r.cas());
                    } else {
                        refreshing.remove(key);
                    }
                });
    }

    /** Loads and stores over the item with this CAS unique, on the loader executor; readers keep the current value. */
    private void refreshInBackground(String key, Function<String, V> loader, Store options, long cas) {
        refreshing.add(key);
        Call refresh = new Call(key, loader, options, this::sendAsync, callbacks, loaders, null);
        refresh.load(cas, false);
        refresh.result.whenComplete((v, err) -> {
            refreshing.remove(key);
            if (err != null) {
                LOG.warn(
                        "background refresh of key '{}' failed; readers keep the current value: {}",
                        key,
                        err.toString());
            }
        });
    }

    /** Deletes our placeholder, and only that item, after its load failed. */
    private void releaseLease(String key, long cas) {
        BlockingRequest delete = new BlockingRequest();
        delete.delete(key, engine.keyForm(key), cas);
        engine.send(delete);
    }

    /** One cache() call: read, then return, load or read again; each step is started by the one before. */
    private final class Call {
        final CompletableFuture<V> result = new CompletableFuture<>();
        private final String key;
        private final Function<String, V> loader;
        private final Store options;
        private final Io io;
        private final Executor steps;
        private final Executor loadOn;
        /** The call's completed reads and stores, for its events; null without listeners. */
        private final Collection<Request> sent;

        private final long deadline = System.nanoTime() + MAX_WAIT_NANOS;
        private long pause = FIRST_PAUSE_NANOS;

        Call(
                String key,
                Function<String, V> loader,
                Store options,
                Io io,
                Executor steps,
                Executor loadOn,
                Collection<Request> sent) {
            this.key = key;
            this.loader = Objects.requireNonNull(loader, "loader");
            this.options = options;
            this.io = io;
            this.steps = steps;
            this.loadOn = loadOn;
            this.sent = sent;
        }

        /** Notes a step's request before the call can complete, so the call's end counts it. */
        private void note(Request r) {
            if (sent != null && r != null) {
                sent.add(r);
            }
        }

        CompletableFuture<V> start() {
            read();
            return result;
        }

        private void read() {
            boolean meta;
            try {
                meta = engine.nodeFor(key).speaksMeta();
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
                return;
            }
            boolean wantTtl = refreshWindowSeconds(options) > 0;
            io.send(r -> {
                        r.get(
                                meta ? Op.GETS : Op.GET,
                                key,
                                engine.keyForm(key),
                                meta ? (wantTtl ? LEASE_READ_WITH_TTL : LEASE_READ) : null);
                    })
                    .whenComplete(this::onRead);
        }

        private void onRead(Request r, Throwable err) {
            note(r);
            if (err != null) {
                result.completeExceptionally(err);
                return;
            }
            try {
                switch (LeaseReply.of(r)) {
                    case VALUE:
                        V value = outcomes.decode(r);
                        if (r.options() == LEASE_READ_WITH_TTL
                                && r.ttlLeft() >= 0
                                && r.ttlLeft() < refreshWindowSeconds(options)
                                && LeaseReply.refreshable(r)) {
                            refreshEarly(key, loader, options);
                        }
                        result.complete(value);
                        break;
                    case REFRESH:
                        V stale = outcomes.decode(r);
                        refreshInBackground(key, loader, options, r.cas());
                        result.complete(stale);
                        break;
                    case LOAD:
                        load(r.cas(), true);
                        break;
                    case MISS:
                        load(0, false);
                        break;
                    case WAIT:
                        readAgainLater();
                        break;
                }
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        }

        /** Past the deadline, loads without a lease: the placeholder outlived any winner. */
        private void readAgainLater() {
            if (System.nanoTime() - deadline > 0) {
                load(0, false);
                return;
            }
            long p = pause;
            pause = Math.min(MAX_PAUSE_NANOS, pause * 2);
            CompletableFuture.delayedExecutor(p, TimeUnit.NANOSECONDS, Runnable::run)
                    .execute(() -> run(steps, this::read));
        }

        /**
         * Loads and stores the value. With a lease's CAS unique, the store only replaces the item we hold the lease
         * on (someone who wrote meanwhile wins). A failed load deletes our placeholder, so that others need not wait
         * for it to expire; a failed refresh leaves the value it would have replaced.
         */
        void load(long leaseCas, boolean placeholder) {
            run(loadOn, () -> {
                V value;
                try {
                    value = Objects.requireNonNull(loader.apply(key), "the loader returned null");
                } catch (Throwable t) {
                    if (placeholder) {
                        releaseLease(key, leaseCas);
                    }
                    result.completeExceptionally(t);
                    return;
                }
                store(value, leaseCas);
            });
        }

        private void store(V value, long leaseCas) {
            io.send(r -> stores.prepare(r, Op.SET, key, value, options, leaseCas))
                    .whenComplete((r, err) -> {
                        note(r);
                        if (err != null) {
                            result.completeExceptionally(err);
                            return;
                        }
                        try {
                            Status s = Outcomes.status(r);
                            if (s != Status.OK && s != Status.EXISTS && s != Status.NOT_FOUND) {
                                throw Outcomes.unexpected(r);
                            }
                            result.complete(value);
                        } catch (RuntimeException e) {
                            result.completeExceptionally(e);
                        }
                    });
        }

        private void run(Executor executor, Runnable step) {
            try {
                executor.execute(step);
            } catch (RejectedExecutionException e) {
                result.completeExceptionally(new MemcachedException(
                        "cache() of key '" + key + "' could not go on: "
                                + "its executor refused the next step (is the client closed?)",
                        e));
            }
        }
    }

    /**
     * Checks cache()'s arguments before anything is sent, for both executors; a refusal is reported to the call's
     * listeners (when {@code o} is not null) and then thrown.
     */
    static void checkArguments(Observed o, String key, Function<String, ?> loader, Store options) {
        try {
            Keys.check(key, true);
            Objects.requireNonNull(loader, "loader");
            Objects.requireNonNull(options, "options");
        } catch (RuntimeException e) {
            if (o != null) {
                o.refused(null, e);
            }
            throw e;
        }
    }
}
