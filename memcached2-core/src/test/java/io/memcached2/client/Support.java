package io.memcached2.client;

import io.memcached2.Memcache;
import io.memcached2.MemcacheBuilder;
import io.memcached2.Protocol;
import io.memcached2.Reconnectors;
import io.memcached2.testsupport.Poll;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/** Shared helpers of the client integration tests: client construction, bounded waits, unwrapping futures. */
final class Support {
    private Support() {}

    /** A string client speaking {@code protocol} to {@code uri}, with a quick reconnect for tests. */
    static Memcache<String> client(Protocol protocol, String uri) {
        return client(protocol, uri, b -> b);
    }

    /** A string client with extra options. */
    static Memcache<String> client(Protocol protocol, String uri, UnaryOperator<MemcacheBuilder<String>> options) {
        MemcacheBuilder<String> b = Memcache.builder()
                .servers(uri)
                .protocol(protocol)
                .operationTimeout(Duration.ofSeconds(2))
                .reconnector(Reconnectors.exponential(Duration.ofMillis(10), Duration.ofMillis(200)));
        return options.apply(b).build();
    }

    /**
     * Polls {@code condition} until it holds or {@code timeout} passes; never sleeps a fixed time for a result.
     *
     * @throws AssertionError naming {@code what} if the condition never held
     */
    static void await(String what, Duration timeout, BooleanSupplier condition) {
        Poll.until(what, timeout, condition);
    }

    /** Runs {@code call}, returning what it threw (or null), so that a poll can look at failures. */
    static Throwable thrownBy(Runnable call) {
        try {
            call.run();
            return null;
        } catch (Throwable t) {
            return t;
        }
    }

    /** Waits for a future that must fail, and returns its cause (unwrapped from Execution/CompletionException). */
    static Throwable failureOf(CompletableFuture<?> f, Duration timeout) {
        try {
            Object v = f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError("expected a failure, got " + v);
        } catch (ExecutionException | CompletionException e) {
            return unwrap(e);
        } catch (TimeoutException e) {
            throw new AssertionError("future not complete within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Waits for a future's value. */
    static <T> T valueOf(CompletableFuture<T> f, Duration timeout) {
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("future failed", e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("future not complete within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static Throwable unwrap(Throwable t) {
        while ((t instanceof ExecutionException || t instanceof CompletionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
