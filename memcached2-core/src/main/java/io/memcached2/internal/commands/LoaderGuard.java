package io.memcached2.internal.commands;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Lets concurrent callers in one process share one load per key: the first caller runs the loader, the others
 * get the same future. A failed load reaches every waiter and is not remembered.
 *
 * @param <V> the value type
 */
public final class LoaderGuard<V> {
    private final ConcurrentHashMap<String, CompletableFuture<V>> inProgress = new ConcurrentHashMap<>();

    /** Runs the work on this thread unless another caller already is; then waits for its result. */
    V run(String key, Supplier<V> work) {
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> existing = inProgress.putIfAbsent(key, mine);
        if (existing != null) {
            return Futures.await(existing);
        }
        try {
            V v = work.get();
            mine.complete(v);
            return v;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inProgress.remove(key, mine);
        }
    }

    /** Starts the asynchronous work unless another caller already has; returns the shared result. */
    CompletableFuture<V> load(String key, Supplier<CompletableFuture<V>> loader) {
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> existing = inProgress.putIfAbsent(key, mine);
        if (existing != null) {
            return existing;
        }
        try {
            loader.get().whenComplete((v, err) -> {
                inProgress.remove(key, mine);
                if (err != null) {
                    mine.completeExceptionally(AsyncCalls.unwrap(err));
                } else {
                    mine.complete(v);
                }
            });
        } catch (Throwable t) {
            inProgress.remove(key, mine);
            mine.completeExceptionally(t);
        }
        return mine;
    }
}
