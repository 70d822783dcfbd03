package io.memcached2.internal.transport;

import java.util.concurrent.CompletableFuture;

/**
 * A request whose result goes to a {@link CompletableFuture}; the future is completed on the callback executor,
 * never on the I/O thread, after mapping the reply with {@link ReplyMapper}.
 *
 * @param <T> the future's type
 */
public final class AsyncRequest<T> extends Request implements Runnable {
    private final CompletableFuture<T> future = new CompletableFuture<>();
    private final ReplyMapper<T> mapper;

    /** @param mapper turns the completed request into the result, or throws the exception to complete with */
    public AsyncRequest(ReplyMapper<T> mapper) {
        this.mapper = mapper;
    }

    /** @return the future the caller holds */
    public CompletableFuture<T> future() {
        return future;
    }

    @Override
    protected void onDone(Deliveries deliveries) {
        if (deliveries == null) {
            run();
        } else {
            deliveries.add(this);
        }
    }

    /** Completes the future; runs on the callback executor. */
    @Override
    public void run() {
        try {
            future.complete(mapper.map(this));
        } catch (Throwable t) {
            future.completeExceptionally(t);
        }
    }
}
