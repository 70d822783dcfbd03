package io.memcached2.internal.commands;

import io.memcached2.NotFound;
import io.memcached2.NotStored;
import io.memcached2.Store;
import io.memcached2.event.Outcome;
import io.memcached2.internal.events.Events;
import io.memcached2.internal.protocol.Op;
import io.memcached2.internal.routing.Engine;
import io.memcached2.internal.transport.AsyncRequest;
import io.memcached2.internal.transport.ReplyMapper;
import io.memcached2.internal.transport.Request;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

/**
 * The executor that completes a future, on the callback executor, never on an I/O thread. With a listener
 * registered, it reports each call's start on the caller's thread and its end on the thread that completes the
 * future, before completing it.
 *
 * @param <V> the value type
 */
public final class AsyncCalls<V> {
    /** For requests whose outcomes are read from the requests once all are complete. */
    private static final ReplyMapper<Void> DONE = r -> null;

    private final CommandTable<V> table;
    private final Engine engine;
    private final Events events;
    private final LeaseCache<V> leases;
    private final LoaderGuard<V> loads;

    /** @param leases and {@code loads}: the client's, shared with its {@link BlockingCalls} */
    public AsyncCalls(CommandTable<V> table, LeaseCache<V> leases, LoaderGuard<V> loads) {
        this.table = table;
        this.engine = table.engine;
        this.events = engine.settings.events();
        this.leases = leases;
        this.loads = loads;
    }

    /** Runs a command of one key and no other argument. */
    public <T> CompletableFuture<T> run(Single<T> c, String key) {
        return run(c, key, null, 0, null, null);
    }

    /** Runs a command of a key and a TTL. */
    public <T> CompletableFuture<T> run(Single<T> c, String key, Duration ttl) {
        return run(c, key, null, 0, ttl, null);
    }

    /** Runs a command of a key and a number (a CAS unique or a delta). */
    public <T> CompletableFuture<T> run(Single<T> c, String key, long n) {
        return run(c, key, null, n, null, null);
    }

    /** Runs a store. */
    public CompletableFuture<Void> store(Single<Void> c, String key, V value, Store options, long cas) {
        return run(c, key, value, cas, null, options);
    }

    private <T> CompletableFuture<T> run(Single<T> c, String key, Object value, long n, Duration ttl, Store options) {
        if (!events.active()) {
            AsyncRequest<T> r = new AsyncRequest<>(c.lenient);
            c.fill.fill(r, key, value, n, ttl, options);
            return engine.send(r).future();
        }
        Observed o = Observed.start(events, c.name, 1);
        AsyncRequest<T> r = new AsyncRequest<>(o.around(c.lenient, c.kind));
        try {
            c.fill.fill(r, key, value, n, ttl, options);
        } catch (RuntimeException e) {
            o.refused(null, e);
            throw e;
        }
        return engine.send(r).future();
    }

    /** Runs a command of several requests: sends them all, merges once every one is complete. */
    public <T> CompletableFuture<T> fanOut(FanOut<T> c) {
        if (!events.active()) {
            return whenAll(c.send(AsyncCalls::done)).thenApply(v -> c.merge());
        }
        Observed o = Observed.start(events, c.name, c.keyCount);
        Collection<? extends Request> requests;
        try {
            requests = c.send(AsyncCalls::done);
        } catch (RuntimeException e) {
            o.refused(null, e);
            throw e;
        }
        return whenAll(requests).thenApply(v -> o.merge(c, requests));
    }

    private static Request done() {
        return new AsyncRequest<>(DONE);
    }

    /** @return a future completed once every request is (their futures never fail: their mapper is DONE) */
    private static CompletableFuture<Void> whenAll(Collection<? extends Request> requests) {
        CompletableFuture<?>[] futures = new CompletableFuture<?>[requests.size()];
        int i = 0;
        for (Request r : requests) {
            futures[i++] = ((AsyncRequest<?>) r).future();
        }
        return CompletableFuture.allOf(futures);
    }

    /** incr/decr creating the counter at {@code initial} with this TTL when it is missing. */
    public CompletableFuture<Long> arithmetic(Single<Long> c, String key, long delta, long initial, Duration ttl) {
        if (!events.active()) {
            return arithmeticSteps(c, key, delta, initial, ttl, null);
        }
        Observed o = Observed.start(events, c.name, 1);
        Collection<Request> sent = new ConcurrentLinkedQueue<>();
        CompletableFuture<Long> steps;
        try {
            steps = arithmeticSteps(c, key, delta, initial, ttl, sent);
        } catch (RuntimeException e) {
            o.refused(null, e);
            throw e;
        }
        return ended(o, sent, steps);
    }

    /** @param sent where each step's request is added as it is sent, for the call's events; or null */
    private CompletableFuture<Long> arithmeticSteps(
            Single<Long> c, String key, long delta, long initial, Duration ttl, Collection<Request> sent) {
        int exptime = Ttl.exptime(ttl);
        Op op = c == table.incr ? Op.INCR : Op.DECR;
        AsyncRequest<Long> r = engine.arithmetic(new AsyncRequest<>(Outcomes.NUMBER), op, key, delta);
        if (engine.nodeFor(key).createsOnArithmetic()) {
            return step(engine.arithmetic(r, op, key, delta, true, initial, exptime), sent)
                    .future();
        }
        // Text protocol: incr, and on a miss add the initial value; if another client added first, incr again.
        byte[] text = Arithmetic.decimal(initial);
        return step(r, sent)
                .future()
                .handle((n, err) -> {
                    if (err == null) {
                        return CompletableFuture.completedFuture(n);
                    }
                    if (!(unwrap(err) instanceof NotFound)) {
                        return CompletableFuture.<Long>failedFuture(unwrap(err));
                    }
                    AsyncRequest<Void> add =
                            engine.store(new AsyncRequest<>(Outcomes.STORED), Op.ADD, key, text, 0, exptime, 0);
                    return step(add, sent)
                            .future()
                            .handle((ok, addErr) -> {
                                if (addErr == null) {
                                    return CompletableFuture.completedFuture(initial);
                                }
                                if (unwrap(addErr) instanceof NotStored) {
                                    return step(
                                                    engine.arithmetic(
                                                            new AsyncRequest<>(Outcomes.NUMBER), op, key, delta),
                                                    sent)
                                            .future();
                                }
                                return CompletableFuture.<Long>failedFuture(unwrap(addErr));
                            })
                            .thenCompose(Function.identity());
                })
                .thenCompose(Function.identity());
    }

    /** Sends one step of a multi-step command, noting it in {@code sent} (when not null) first. */
    private <T> AsyncRequest<T> step(AsyncRequest<T> r, Collection<Request> sent) {
        if (sent != null) {
            sent.add(r);
        }
        return engine.send(r);
    }

    /** @return the exception a composed stage failed with, without its CompletionException wrapper */
    static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    /**
     * cache(): the lease steps on the callback executor and the loader on the loader executor; no thread waits. Loads
     * of one key in this process share one future.
     */
    public CompletableFuture<V> cache(String key, Function<String, V> loader, Store options) {
        Observed o = events.active() ? Observed.start(events, "cache", 1) : null;
        LeaseCache.checkArguments(o, key, loader, options);
        Collection<Request> sent = o == null ? null : new ConcurrentLinkedQueue<>();
        CompletableFuture<V> result = loads.load(key, () -> leases.get(key, loader, options, sent));
        return o == null ? result : ended(o, sent, result);
    }

    /**
     * @param sent the requests of the call's steps, complete once {@code steps} is
     * @return a future completed as {@code steps} is, after reporting the call's end
     */
    private static <T> CompletableFuture<T> ended(
            Observed o, Collection<? extends Request> sent, CompletableFuture<T> steps) {
        CompletableFuture<T> out = new CompletableFuture<>();
        steps.whenComplete((v, err) -> {
            if (err == null) {
                o.ended(sent, Outcome.OK, 0, 0, null);
                out.complete(v);
            } else {
                Throwable cause = unwrap(err);
                o.ended(sent, Outcome.ERROR, 0, 0, cause);
                out.completeExceptionally(cause);
            }
        });
        return out;
    }
}
