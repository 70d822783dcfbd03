package io.memcached2.internal.commands;

import io.memcached2.MemcachedException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** Waits on futures the way a blocking client should: interrupts kept, the original exception rethrown. */
final class Futures {
    private Futures() {}

    static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MemcachedException("interrupted while waiting for memcached", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new MemcachedException(String.valueOf(cause), cause);
        }
    }
}
