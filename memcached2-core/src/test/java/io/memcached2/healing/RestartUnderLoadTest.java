package io.memcached2.healing;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcached2.Memcache;
import io.memcached2.NoValue;
import io.memcached2.ServerDisconnect;
import io.memcached2.testkit.MemcachedExtension;
import io.memcached2.testkit.MemcachedServer;
import io.memcached2.testsupport.Poll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 12, "a restart of a server under load": threads doing blocking sets and gets of values they can check, a
 * client with default settings, and {@link MemcachedServer#restart()} in the middle (SIGTERM: memcached 1.6.18
 * stops listening at once, closes its connections and exits about 0.8 s later; an empty server then starts on the
 * same port).
 *
 * <p>What a caller may see, and what this test allows: a request already written to the old connection fails when
 * it closes, and a blocking thread has at most one request out, so at most one error per thread comes from a request
 * issued before the restart began. Requests issued while the server is down or starting fail once the connect
 * attempt fails (counted, not bounded). Once the server is back, requests may fail only until the client's first
 * success there (the reconnect policy's wait after the failed attempts); after that, none. A value read is always
 * one its thread wrote under that key, never older than the last confirmed write; a miss is allowed only for a key
 * last written before the server came back empty.
 */
@ExtendWith(MemcachedExtension.class)
class RestartUnderLoadTest {
    private static final int THREADS = 8;
    private static final int KEYS_PER_THREAD = 16;
    private static final Duration BOUND = Duration.ofSeconds(15);

    /** One failed request: when it was issued, and why it failed. */
    private static final class Failure {
        final long issued;
        final Throwable error;

        Failure(long issued, Throwable error) {
            this.issued = issued;
            this.error = error;
        }
    }

    /** One thread's load: set then get of its own keys; records everything the checks need. */
    private static final class Worker implements Runnable {
        final int id;
        final Memcache<String> mc;
        final ConcurrentLinkedQueue<Failure> failures;
        final ConcurrentLinkedQueue<String> wrong;
        final AtomicLong okAfter = new AtomicLong(Long.MAX_VALUE);
        final AtomicLong ops = new AtomicLong();
        /** Completion times of confirmed sets of keys later read as a miss. */
        final ConcurrentLinkedQueue<Long> missedWrites = new ConcurrentLinkedQueue<>();

        final long[] confirmedSeq = new long[KEYS_PER_THREAD];
        final long[] confirmedAt = new long[KEYS_PER_THREAD];
        final long[] attemptedSeq = new long[KEYS_PER_THREAD];
        volatile long serverBack = Long.MAX_VALUE;
        volatile boolean stop;

        Worker(
                int id,
                Memcache<String> mc,
                ConcurrentLinkedQueue<Failure> failures,
                ConcurrentLinkedQueue<String> wrong) {
            this.id = id;
            this.mc = mc;
            this.failures = failures;
            this.wrong = wrong;
            Arrays.fill(confirmedSeq, -1);
        }

        @Override
        public void run() {
            for (long seq = 0; !stop; seq++) {
                int k = (int) (seq % KEYS_PER_THREAD);
                String key = "restart:" + id + ":" + k;
                attemptedSeq[k] = seq;
                long issued = System.nanoTime();
                try {
                    mc.set(key, id + ":" + k + ":" + seq);
                    confirmedSeq[k] = seq;
                    confirmedAt[k] = System.nanoTime();
                    succeeded(issued);
                } catch (RuntimeException e) {
                    failed(issued, e);
                    continue;
                }
                issued = System.nanoTime();
                try {
                    check(k, key, mc.get(key));
                    succeeded(issued);
                } catch (NoValue miss) {
                    missedWrites.add(confirmedAt[k]);
                    succeeded(issued);
                } catch (RuntimeException e) {
                    failed(issued, e);
                }
            }
        }

        private void check(int k, String key, String v) {
            String[] parts = v.split(":");
            if (parts.length != 3 || !parts[0].equals(String.valueOf(id)) || !parts[1].equals(String.valueOf(k))) {
                wrong.add("'" + v + "' read under " + key);
                return;
            }
            long seq = Long.parseLong(parts[2]);
            if (seq < confirmedSeq[k] || seq > attemptedSeq[k]) {
                wrong.add("'" + v + "' read under " + key + " after the confirmed write of seq " + confirmedSeq[k]);
            }
        }

        private void succeeded(long issued) {
            ops.incrementAndGet();
            if (issued - serverBack > 0) {
                okAfter.accumulateAndGet(System.nanoTime(), Math::min);
            }
        }

        private void failed(long issued, RuntimeException e) {
            ops.incrementAndGet();
            failures.add(new Failure(issued, e));
            // a request that fails at once (server down) must not make the thread spin
            LockSupport.parkNanos(1_000_000);
        }
    }

    @Test
    void onlyRequestsInFlightOrIssuedWhileDownFail(MemcachedServer server) throws Exception {
        ConcurrentLinkedQueue<Failure> failures = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        List<Worker> workers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        long restartBegan;
        long serverBack;
        try (Memcache<String> mc = Memcache.builder().servers(server.uri()).build()) {
            mc.set("restart:warm", "x");
            for (int t = 0; t < THREADS; t++) {
                Worker w = new Worker(t, mc, failures, wrong);
                workers.add(w);
                Thread th = new Thread(w, "restart-load-" + t);
                threads.add(th);
                th.start();
            }
            Poll.until("the load to run", BOUND, () -> workers.stream().allMatch(w -> w.ops.get() >= 200));
            restartBegan = System.nanoTime();
            server.restart();
            serverBack = System.nanoTime();
            workers.forEach(w -> w.serverBack = serverBack);
            Poll.until(
                    "every thread to succeed after the restart",
                    BOUND,
                    () -> workers.stream().allMatch(w -> w.okAfter.get() != Long.MAX_VALUE));
            long recovered =
                    workers.stream().mapToLong(w -> w.okAfter.get()).min().getAsLong();
            long[] opsAtRecovery = workers.stream().mapToLong(w -> w.ops.get()).toArray();
            Poll.until("more load after the recovery", BOUND, () -> {
                for (int t = 0; t < THREADS; t++) {
                    if (workers.get(t).ops.get() < opsAtRecovery[t] + 200) {
                        return false;
                    }
                }
                return true;
            });
            workers.forEach(w -> w.stop = true);
            for (Thread th : threads) {
                th.join(BOUND.toMillis());
                assertThat(th.isAlive()).as(th.getName() + " finished").isFalse();
            }

            long before =
                    failures.stream().filter(f -> f.issued - restartBegan < 0).count();
            long whileDown = failures.stream()
                    .filter(f -> f.issued - restartBegan >= 0 && f.issued - serverBack <= 0)
                    .count();
            long reconnecting = failures.stream()
                    .filter(f -> f.issued - serverBack > 0 && f.issued - recovered <= 0)
                    .count();
            List<String> late = new ArrayList<>();
            failures.stream().filter(f -> f.issued - recovered > 0).forEach(f -> late.add(f.error.toString()));
            long ops = workers.stream().mapToLong(w -> w.ops.get()).sum();
            String summary = ops + " requests; errors: " + before + " issued before the restart (in flight), "
                    + whileDown + " issued while the server was down, " + reconnecting
                    + " issued after it was back and before the client's first success there ("
                    + (recovered - serverBack) / 1_000_000 + " ms later), " + late.size() + " after that";
            System.out.println("restart under load: " + summary);

            assertThat(wrong).as("wrong values (" + summary + ")").isEmpty();
            for (Worker w : workers) {
                for (long at : w.missedWrites) {
                    assertThat(at - serverBack)
                            .as("a miss for a key confirmed written on the new server (" + summary + ")")
                            .isLessThan(0);
                }
            }
            for (Failure f : failures) {
                assertThat(f.error)
                        .as("only disconnects and timeouts (" + summary + ")")
                        .isInstanceOf(ServerDisconnect.class);
            }
            assertThat(before)
                    .as("errors of requests issued before the restart, at most one per thread (" + summary + ")")
                    .isLessThanOrEqualTo(THREADS);
            assertThat(late)
                    .as("errors after the client's first success on the new server (" + summary + ")")
                    .isEmpty();
        }
    }
}
