package io.memcached2.spring;

import io.memcached2.AsyncMemcache;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A cache's namespace generation: a counter in memcached that is part of every key of the cache, so that one
 * {@code incr} makes every entry unreachable. A missing counter (never made, evicted, server restarted) is created
 * at the current time in milliseconds rather than at 0, so that it comes back above any value it had before and
 * old entries stay unreachable. This process keeps its last copy for the configured refresh time.
 */
final class Generation {
    private final AsyncMemcache<byte[]> client;
    private final String counterKey;
    private final long refreshNanos;
    private volatile Snapshot snapshot;

    private record Snapshot(long value, long readAt) {}

    Generation(AsyncMemcache<byte[]> client, String counterKey, Duration refresh) {
        this.client = client;
        this.counterKey = counterKey;
        this.refreshNanos = refresh.toNanos();
    }

    /** @return the current generation, from the local copy while it is fresh */
    CompletableFuture<Long> current() {
        Snapshot s = snapshot;
        if (s != null && refreshNanos > 0 && System.nanoTime() - s.readAt < refreshNanos) {
            return CompletableFuture.completedFuture(s.value);
        }
        // An incr by 0 reads the counter and creates it when missing, in one command.
        return client.incr(counterKey, 0, System.currentTimeMillis(), Duration.ZERO)
                .thenApply(this::remember);
    }

    /**
     * Moves to a new generation.
     *
     * @return the future of the new generation
     */
    CompletableFuture<Long> next() {
        return client.incr(counterKey, 1, System.currentTimeMillis(), Duration.ZERO)
                .thenApply(this::remember);
    }

    /** The counter only grows, so a slower answer carrying an older value must not replace a newer one. */
    private long remember(long value) {
        long now = System.nanoTime();
        synchronized (this) {
            Snapshot s = snapshot;
            long kept = s != null && s.value > value ? s.value : value;
            snapshot = new Snapshot(kept, now);
            return kept;
        }
    }
}
