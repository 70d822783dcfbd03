package io.memcached2.chaos;

import io.memcached2.Memcache;
import io.memcached2.MultiRetrieveException;
import io.memcached2.NoValue;
import io.memcached2.load.LoadRecorder;
import io.memcached2.load.ThreadedLoad;
import io.memcached2.load.Threads;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A mixed load (get 40 %, set 30 %, multi-get of 5 keys 15 %, incr 15 %) from many platform threads (Java 17 has
 * no virtual threads), checking every value read and timing every call into the scenario's {@link Tally}. The
 * threads, and finding those stuck once the load stops, are the shared load generator's ({@link ThreadedLoad}); the
 * mix and its checks are the chaos suite's.
 */
final class ChaosLoad implements AutoCloseable {
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
    private final ThreadedLoad load;
    private final long lateNanos;
    private ThreadedLoad.Running running;

    ChaosLoad(Memcache<String> mc, Values values, Tally tally, int workers, int maxPad) {
        this.mc = mc;
        this.values = values;
        this.tally = tally;
        this.maxPad = maxPad;
        this.lateNanos = Chaos.CALL_BOUND.plus(tally.margin).toNanos();
        this.load = new ThreadedLoad("chaos-load-" + tally.scenario, workers, Threads.platform(), writer -> {
            long[] seq = new long[1];
            return random -> {
                call(writer, seq);
                return 1;
            };
        });
    }

    ChaosLoad start() {
        // The generator's own recorder is not read: every call's outcome and time go to the tally, as the checks say.
        running = load.start(new LoadRecorder());
        return this;
    }

    /** One call of the mix; it never throws, whatever the client does (the tally counts it). */
    private void call(int writer, long[] seq) {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        int dice = rnd.nextInt(100);
        String outcome = "ok";
        long start = System.nanoTime();
        try {
            if (dice < 40) {
                String key = values.key(rnd.nextInt(values.keyCount()));
                String v = mc.get(key);
                checkValue(key, v);
            } else if (dice < 70) {
                long s = seq[0]++;
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
                return;
            }
        }
        time(System.nanoTime() - start, dice, outcome);
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
        Duration bound = Chaos.CALL_BOUND.plus(Chaos.MARGIN).plusSeconds(1);
        try {
            running.stop(bound).forEach(tally::violation);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
