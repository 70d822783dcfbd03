package io.memcached2.bench.jmh;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The ceiling of any blocking client built on an I/O thread, with no I/O at all: each call hands a request to one
 * dispatcher thread and parks until the dispatcher, which drains every request waiting and wakes its caller,
 * completes it. That is the least a blocking get through an event loop costs (a queue hand-off, a wake-up of the
 * dispatcher when it sleeps, a wake-up and a park of the caller), so its rate bounds what memcached2's blocking get
 * can reach on the same CPUs. Run it where the load benchmark runs its client, e.g. {@code taskset -c 1
 * memcached2-bench/run.sh jmh HandoffFloorBenchmark -t 64} (64 callers, as get-64t) or {@code -t 1} (one caller, as
 * get-1t, where the C ping-pong client is the other reference).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(64)
public class HandoffFloorBenchmark {
    /** One caller's request, reused for each of its calls so the figure is the hand-off alone. */
    static final class Call {
        final Thread caller;
        volatile boolean done;

        Call(Thread caller) {
            this.caller = caller;
        }
    }

    /** A benchmark thread's own request. */
    @State(Scope.Thread)
    public static class Caller {
        Call call;

        /** Binds the request to the thread that runs the calls. */
        @Setup
        public void bind() {
            call = new Call(Thread.currentThread());
        }
    }

    private final ConcurrentLinkedQueue<Call> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean sleeping = new AtomicBoolean();
    private volatile boolean running;
    private Thread dispatcher;

    /** Starts the dispatcher. */
    @Setup
    public void start() {
        running = true;
        dispatcher = new Thread(this::dispatch, "handoff-dispatcher");
        dispatcher.setDaemon(true);
        dispatcher.start();
    }

    /** Stops the dispatcher. */
    @TearDown
    public void stop() throws InterruptedException {
        running = false;
        LockSupport.unpark(dispatcher);
        dispatcher.join();
    }

    private void dispatch() {
        while (running) {
            Call c;
            boolean drained = false;
            while ((c = queue.poll()) != null) {
                c.done = true;
                LockSupport.unpark(c.caller);
                drained = true;
            }
            if (!drained) {
                // Said before the queue is looked at again, so a caller enqueuing meanwhile sees it and wakes us.
                sleeping.set(true);
                if (queue.isEmpty() && running) {
                    LockSupport.park(this);
                }
                sleeping.set(false);
            }
        }
    }

    /** One blocking call: hand off, wake the dispatcher if it sleeps, park until completed. */
    @Benchmark
    public void call(Caller me) {
        Call c = me.call;
        c.done = false;
        queue.offer(c);
        if (sleeping.get()) {
            LockSupport.unpark(dispatcher);
        }
        while (!c.done) {
            LockSupport.park(this);
        }
    }
}
