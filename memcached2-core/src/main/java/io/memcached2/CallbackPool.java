package io.memcached2;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The client's own callback pool: fixed threads over one shared queue, so that while a callback blocks one thread
 * every other thread keeps taking completions (a work-stealing pool can leave tasks in a blocked worker's queue).
 */
final class CallbackPool {
    private static final AtomicInteger POOLS = new AtomicInteger();

    private CallbackPool() {}

    static ExecutorService create(int threads) {
        String prefix = "memcached2-callback-" + POOLS.incrementAndGet() + "-";
        AtomicInteger n = new AtomicInteger();
        return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }
}
