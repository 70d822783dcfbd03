package io.memcached2.chaos;

import io.memcached2.Memcache;
import io.memcached2.MultiRetrieveException;
import io.memcached2.NoValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A mixed load (get 40 %, set 30 %, multi-get of 5 keys 15 %, incr 15 %) from many platform threads (Java 17 has
 * no virtual threads), checking every value read and timing every call.
 */
final class LoadGenerator implements AutoCloseable {
    /**
     * After a failure faster than this (every server down: NoAvailableServers at once), a worker pauses this long,
     * as any retry loop would, so that the load does not starve the client's I/O threads of the 2-core machine.
     * (The first 10-minute run, beside another project's CPU-bound benchmark, saw calls up to 4.6 s late while every
     * connection was reset every 100 ms; a rerun of that scenario alone with spinning workers saw none.)
     */
    static final long FAST_FAILURE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** {@code -Dchaos.spin=true} turns the pause off, to reproduce the starvation. */
    static final boolean SPIN = Boolean.getBoolean("chaos.spin");
    private final Memcache<String> mc;
    private final Values values;
    private final Tally tally;
    private final int maxPad;
    private final List<Thread> threads = new ArrayList<>();
    private final long lateNanos;
    private volatile boolean running = true;

    LoadGenerator(Memcache<String> mc, Values values, Tally tally, int workers, int maxPad) {
        this.mc = mc;
        this.values = values;
        this.tally = tally;
        this.maxPad = maxPad;
        this.lateNanos = Chaos.CALL_BOUND.plus(tally.margin).toNanos();
        for (int w = 0; w < workers; w++) {
            int writer = w;
            Thread t = new Thread(() -> work(writer), "chaos-load-" + tally.scenario + "-" + w);
            t.setDaemon(true);
            threads.add(t);
        }
    }

    LoadGenerator start() {
        threads.forEach(Thread::start);
        return this;
    }

    private void work(int writer) {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        long seq = 0;
        while (running) {
            int dice = rnd.nextInt(100);
            String outcome = "ok";
            long start = System.nanoTime();
            try {
                if (dice < 40) {
                    String key = values.key(rnd.nextInt(values.keyCount()));
                    String v = mc.get(key);
                    checkValue(key, v);
                } else if (dice < 70) {
                    long s = seq++;
                    String v = values.value(writer, s, maxPad);
                    mc.set(values.keyFor(writer, s), v);
                    tally.ok();
                } else if (dice < 85) {
                    String[] keys = new String[5];
                    for (int i = 0; i < keys.length; i++) {
                        keys[i] = values.key(rnd.nextInt(values.keyCount()));
                    }
                    try {
                        checkHits(Arrays.asList(keys), mc.getMulti(Arrays.asList(keys)));
                        tally.ok();
                    } catch (MultiRetrieveException e) {
                        checkHits(Arrays.asList(keys), e.hits());
                        throw e;
                    }
                } else {
                    int c = rnd.nextInt(values.counterCount());
                    values.counterAttempt(c);
                    long n = mc.incr(values.counter(c), 1, 0, Duration.ZERO);
                    String why = values.checkCounter(c, n);
                    if (why != null) {
                        tally.wrongValue(why);
                    }
                    tally.ok();
                }
            } catch (NoValue miss) {
                tally.miss();
                outcome = "miss";
            } catch (Throwable t) {
                tally.error(t);
                outcome = String.valueOf(t);
                long took = System.nanoTime() - start;
                if (took < FAST_FAILURE_NANOS && !SPIN) {
                    // An instant failure (every server down): pause as any retry loop would, instead of spinning.
                    time(took, dice, outcome);
                    LockSupport.parkNanos(FAST_FAILURE_NANOS);
                    continue;
                }
            }
            time(System.nanoTime() - start, dice, outcome);
        }
    }

    private void time(long nanos, int dice, String outcome) {
        if (nanos > lateNanos) {
            tally.latency(nanos, label(dice, outcome));
        } else {
            tally.latency(nanos);
        }
    }

    private static String label(int dice, String outcome) {
        String op = dice < 40 ? "get" : dice < 70 ? "set" : dice < 85 ? "multi-get" : "incr";
        return op + " (" + (outcome.length() > 300 ? outcome.substring(0, 300) : outcome) + ")";
    }

    private void checkValue(String key, String v) {
        tally.ok();
        verdict(key, v);
    }

    private void checkHits(List<String> asked, Map<String, ?> hits) {
        for (Map.Entry<String, ?> e : hits.entrySet()) {
            if (!asked.contains(e.getKey())) {
                tally.wrongValue("multi-get returned key " + e.getKey() + " that was not asked for");
            }
            verdict(e.getKey(), String.valueOf(e.getValue()));
        }
    }

    private void verdict(String key, String v) {
        switch (values.check(key, v, maxPad)) {
            case OK:
                return;
            case GARBLED:
                tally.garbled.increment();
                return;
            default:
                tally.wrongValue("'" + (v.length() > 80 ? v.substring(0, 80) + "..." : v) + "' read under " + key);
        }
    }

    /** Stops the load; every worker must finish its call within the timeout plus margin, or it is stuck. */
    @Override
    public void close() {
        running = false;
        long bound = Chaos.CALL_BOUND.plus(Chaos.MARGIN).plusSeconds(1).toNanos();
        long end = System.nanoTime() + bound;
        for (Thread t : threads) {
            try {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (t.isAlive()) {
                StringBuilder sb = new StringBuilder("thread " + t.getName() + " still stuck after the load stopped:");
                for (StackTraceElement e : t.getStackTrace()) {
                    sb.append("\n    at ").append(e);
                }
                tally.violation(sb.toString());
            }
        }
    }
}
