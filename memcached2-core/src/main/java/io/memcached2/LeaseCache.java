package io.memcached2;

import io.memcached2.internal.protocol.Op;
import io.memcached2.internal.protocol.Status;
import io.memcached2.internal.transport.BlockingRequest;
import io.memcached2.internal.transport.Request;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code cache(key, loader)} without stampedes across processes, using the meta protocol's leases: a read that
 * misses creates an empty placeholder and hands exactly one reader (in any process) the right to compute the value
 * ({@code W}); the others see that the right is taken ({@code Z}) and re-read with backoff, or read the stale value
 * when there is one ({@code X}). Early refresh ({@code R}) and invalidation ({@code md … I}) hand the right to one
 * reader while everyone keeps reading the current value. With the text protocol it degrades to get, load, set.
 * In-process deduplication is {@link LoaderGuard}'s job; this class is what one process does.
 *
 * @param <V> the value type
 */
final class LeaseCache<V> {
    private static final Logger LOG = LoggerFactory.getLogger(LeaseCache.class);
    /** How long a placeholder lives if its winner dies before storing; others stop waiting after this. */
    static final int LEASE_SECONDS = 30;
    private static final long MAX_WAIT_NANOS = TimeUnit.SECONDS.toNanos(LEASE_SECONDS);
    private static final long FIRST_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    private static final long MAX_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final Engine engine;
    private final Outcomes<V> outcomes;
    private final StorePreparer<V> stores;
    private final Executor background;
    private final long safetyNanos;

    LeaseCache(Engine engine, Outcomes<V> outcomes, StorePreparer<V> stores, Executor background) {
        this.engine = engine;
        this.outcomes = outcomes;
        this.stores = stores;
        this.background = background;
        this.safetyNanos = engine.settings.operationTimeoutNanos() * 2 + TimeUnit.SECONDS.toNanos(5);
    }

    /** Runs on the calling thread; the loader too, unless a background refresh is due. */
    V get(String key, Function<String, V> loader, Store options) {
        Objects.requireNonNull(loader, "loader");
        if (!engine.nodeFor(key).speaksMeta()) {
            BlockingRequest r = call(engine.keyed(new BlockingRequest(), Op.GET, key));
            V hit = outcomes.valueOrNull.map(r);
            return hit != null ? hit : computeAndStore(key, loader, options, 0);
        }
        long deadline = System.nanoTime() + MAX_WAIT_NANOS;
        long backoff = FIRST_BACKOFF_NANOS;
        while (true) {
            BlockingRequest r = engine.keyed(new BlockingRequest(), Op.GETS, key);
            r.vivifyTtl = LEASE_SECONDS;
            r.recacheTtl = (int) Math.min(Integer.MAX_VALUE, options.refreshAheadWindow().getSeconds());
            call(r);
            if (Outcomes.status(r) != Status.HIT) {
                throw Outcomes.unexpected(r);
            }
            boolean placeholder = r.data.length == 0 && r.replyFlags == 0 && !r.stale;
            if (r.win) {
                if (placeholder) {
                    return computeAndStore(key, loader, options, r.replyCas);
                }
                long cas = r.replyCas;
                background.execute(() -> refresh(key, loader, options, cas));
                return outcomes.decode(r);
            }
            if (!placeholder) {
                return outcomes.decode(r);
            }
            if (System.nanoTime() - deadline > 0) {
                return computeAndStore(key, loader, options, 0);
            }
            LockSupport.parkNanos(backoff);
            if (Thread.currentThread().isInterrupted()) {
                throw new MemcachedException("interrupted while waiting for another client to load '" + key + "'");
            }
            backoff = Math.min(MAX_BACKOFF_NANOS, backoff * 2);
        }
    }

    private BlockingRequest call(BlockingRequest r) {
        engine.send(r);
        r.await(safetyNanos);
        return r;
    }

    /**
     * Loads and stores the value. With a lease's CAS unique, the store only replaces our placeholder (someone who
     * wrote meanwhile wins); a failed load deletes the placeholder so others need not wait for it to expire.
     */
    private V computeAndStore(String key, Function<String, V> loader, Store options, long leaseCas) {
        V value;
        try {
            value = Objects.requireNonNull(loader.apply(key), "the loader returned null");
        } catch (RuntimeException | Error e) {
            if (leaseCas != 0) {
                releaseLease(key, leaseCas);
            }
            throw e;
        }
        BlockingRequest store = stores.prepare(new BlockingRequest(), Op.SET, key, value, options, leaseCas);
        call(store);
        Status s = Outcomes.status(store);
        if (s != Status.OK && s != Status.EXISTS && s != Status.NOT_FOUND) {
            throw Outcomes.unexpected(store);
        }
        return value;
    }

    private void releaseLease(String key, long cas) {
        BlockingRequest delete = engine.keyed(new BlockingRequest(), Op.DELETE, key);
        delete.compareCas = cas;
        engine.send(delete);
    }

    private void refresh(String key, Function<String, V> loader, Store options, long cas) {
        try {
            computeAndStore(key, loader, options, cas);
        } catch (RuntimeException e) {
            LOG.warn("background refresh of key '{}' failed; readers keep the current value: {}", key, e.toString());
        }
    }

    /** Marks the key stale so that one reader recomputes it while the others keep reading the stale value. */
    static void invalidate(Request r, Duration staleFor) {
        r.invalidate = true;
        r.exptime = Ttl.exptime(staleFor);
    }
}
