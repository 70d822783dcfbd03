package io.memcached2.internal.transport;

import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.FastThreadLocalThread;

/** Makes the client's I/O threads recognisable, so that a blocking call made on one can be refused. */
final class IoThreads extends DefaultThreadFactory {
    /** The type of every thread the client's event loops run on. */
    static final class IoThread extends FastThreadLocalThread {
        IoThread(ThreadGroup group, Runnable task, String name) {
            super(group, task, name);
        }
    }

    IoThreads() {
        super("memcached2-io", true);
    }

    @Override
    protected Thread newThread(Runnable r, String name) {
        return new IoThread(threadGroup, r, name);
    }

    /** @return whether the calling thread is one of this library's I/O threads */
    static boolean isIoThread() {
        return Thread.currentThread() instanceof IoThread;
    }
}
