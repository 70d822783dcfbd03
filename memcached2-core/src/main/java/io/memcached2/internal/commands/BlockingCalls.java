package io.memcached2.internal.commands;

import io.memcached2.Store;
import io.memcached2.event.Outcome;
import io.memcached2.internal.events.Events;
import io.memcached2.internal.protocol.Op;
import io.memcached2.internal.protocol.Status;
import io.memcached2.internal.routing.Engine;
import io.memcached2.internal.transport.BlockingRequest;
import io.memcached2.internal.transport.IoResources;
import io.memcached2.internal.transport.Request;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The executor that parks the caller: each request is a {@link BlockingRequest} (no future, no thread hop, nothing
 * waiting for the callback executor); calls of several requests or steps keep to {@link CallBound}. With a listener
 * registered, it reports each call's start and end on the caller's thread.
 *
 * @param <V> the value type
 */
public final class BlockingCalls<V> {
    private final CommandTable<V> table;
    private final Engine engine;
    private final Events events;
    private final LeaseCache<V> leases;
    private final LoaderGuard<V> loads;
    private final long safetyNanos;
    private final CallBound bound;

    /** @param leases and {@code loads}: the client's, shared with its {@link AsyncCalls} */
    public BlockingCalls(CommandTable<V> table, LeaseCache<V> leases, LoaderGuard<V> loads) {
        this.table = table;
        this.engine = table.engine;
        this.events = engine.settings.events();
        this.leases = leases;
        this.loads = loads;
        this.safetyNanos = engine.settings.operationTimeoutNanos() * 2 + TimeUnit.SECONDS.toNanos(5);
        this.bound = new CallBound(engine.settings.requestLifetimeNanos());
    }

    private static void refuseOnIoThread() {
        if (IoResources.onIoThread()) {
            throw new IllegalStateException("blocking memcached call on one of the client's I/O threads; use async()"
                    + " from callbacks, or move the work to another executor");
        }
    }

    /** Runs a command of one key and no other argument. */
    public <T> T run(Single<T> c, String key) {
        return run(c, key, null, 0, null, null);
    }

    /** Runs a command of a key and a TTL. */
    public <T> T run(Single<T> c, String key, Duration ttl) {
        return run(c, key, null, 0, ttl, null);
    }

    /** Runs a command of a key and a number (a CAS unique or a delta). */
    public <T> T run(Single<T> c, String key, long n) {
        return run(c, key, null, n, null, null);
    }

    /** Runs a store. */
    public void store(Single<Void> c, String key, V value, Store options, long cas) {
        run(c, key, value, cas, null, options);
    }

    private <T> T run(Single<T> c, String key, Object value, long n, Duration ttl, Store options) {
        refuseOnIoThread();
        if (events.active()) {
            return observed(c, key, value, n, ttl, options);
        }
        BlockingRequest r = new BlockingRequest();
        c.fill.fill(r, key, value, n, ttl, options);
        engine.send(r);
        r.await(safetyNanos);
        return c.strict.map(r);
    }

    private <T> T observed(Single<T> c, String key, Object value, long n, Duration ttl, Store options) {
        Observed o = Observed.start(events, c.name, 1);
        BlockingRequest r = new BlockingRequest();
        try {
            c.fill.fill(r, key, value, n, ttl, options);
        } catch (RuntimeException e) {
            o.refused(null, e);
            throw e;
        }
        engine.send(r);
        try {
            r.await(safetyNanos);
        } catch (RuntimeException e) {
            o.ended(List.of(r), Outcome.ERROR, 0, 0, e);
            throw e;
        }
        return o.single(r, c.strict, c.kind);
    }

    /** Runs a command of several requests: sends them all, waits within the call's bound, merges. */
    public <T> T fanOut(FanOut<T> c) {
        refuseOnIoThread();
        if (!events.active()) {
            bound.awaitAll(c.send(BlockingRequest::new));
            return c.merge();
        }
        Observed o = Observed.start(events, c.name, c.keyCount);
        Collection<? extends Request> requests;
        try {
            requests = c.send(BlockingRequest::new);
        } catch (RuntimeException e) {
            o.refused(null, e);
            throw e;
        }
        bound.awaitAll(requests);
        return o.merge(c, requests);
    }

    /** incr/decr creating the counter at {@code initial} with this TTL when it is missing. */
    public long arithmetic(Single<Long> c, String key, long delta, long initial, Duration ttl) {
        refuseOnIoThread();
        if (!events.active()) {
            return arithmeticSteps(c, key, delta, initial, ttl, null);
        }
        Observed o = Observed.start(events, c.name, 1);
        List<Request> sent = new ArrayList<>(3);
        try {
            long n = arithmeticSteps(c, key, delta, initial, ttl, sent);
            o.ended(sent, Outcome.OK, 0, 0, null);
            return n;
        } catch (RuntimeException e) {
            if (sent.isEmpty()) {
                o.refused(null, e);
            } else {
                o.ended(sent, Outcome.ERROR, 0, 0, e);
            }
            throw e;
        }
    }

    private long arithmeticSteps(
            Single<Long> c, String key, long delta, long initial, Duration ttl, List<Request> sent) {
        int exptime = Ttl.exptime(ttl);
        Op op = c == table.incr ? Op.INCR : Op.DECR;
        BlockingRequest r = engine.arithmetic(new BlockingRequest(), op, key, delta);
        if (engine.nodeFor(key).createsOnArithmetic()) {
            return CallBound.outcome(
                    step(engine.arithmetic(r, op, key, delta, true, initial, exptime), sent), Outcomes.NUMBER);
        }
        // Text protocol: incr, and on a miss add the initial value; if another client added first, incr again.
        if (!answered(step(r, sent), Status.NOT_FOUND)) {
            return CallBound.outcome(r, Outcomes.NUMBER);
        }
        BlockingRequest add = step(
                engine.store(new BlockingRequest(), Op.ADD, key, Arithmetic.decimal(initial), 0, exptime, 0), sent);
        if (!answered(add, Status.NOT_STORED)) {
            CallBound.outcome(add, Outcomes.STORED);
            return initial;
        }
        return CallBound.outcome(step(engine.arithmetic(new BlockingRequest(), op, key, delta), sent), Outcomes.NUMBER);
    }

    /** Sends one step of a multi-step command and waits for it within the call's bound. */
    private BlockingRequest step(BlockingRequest r, List<Request> sent) {
        if (sent != null) {
            sent.add(r);
        }
        engine.send(r);
        return bound.await(r);
    }

    /** @return whether the request completed with this answer from the server */
    private static boolean answered(Request r, Status status) {
        return r.isDone() && r.failure() == null && r.status() == status;
    }

    /** cache(): the lease steps, and the loader, on the calling thread. */
    public V cache(String key, Function<String, V> loader, Store options) {
        refuseOnIoThread();
        Observed o = events.active() ? Observed.start(events, "cache", 1) : null;
        LeaseCache.checkArguments(o, key, loader, options);
        if (o == null) {
            return loads.run(key, () -> leases.getOnThisThread(key, loader, options, null));
        }
        // steps may still complete after a stalled call gave up, so the list must bear concurrent additions
        Collection<Request> sent = new ConcurrentLinkedQueue<>();
        try {
            V v = loads.run(key, () -> leases.getOnThisThread(key, loader, options, sent));
            o.ended(sent, Outcome.OK, 0, 0, null);
            return v;
        } catch (RuntimeException e) {
            o.ended(sent, Outcome.ERROR, 0, 0, e);
            throw e;
        }
    }
}
