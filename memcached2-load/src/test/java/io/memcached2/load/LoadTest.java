package io.memcached2.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The load generator with tasks that need no server: what it records, and how it stops. */
class LoadTest {

    @Test
    void aTimedRunRecordsSuccessesItemsMissesAndFailuresByRootCause() throws Exception {
        LoadRecorder recorder = new LoadRecorder();
        AtomicInteger opened = new AtomicInteger();
        Window window = new Window() {
            @Override
            public void open() {
                opened.incrementAndGet();
            }

            @Override
            public void close() {
                opened.addAndGet(10);
            }
        };
        long elapsed = new ThreadedLoad("t", 3, Threads.platform(), worker -> random -> {
                    int n = random.nextInt(3);
                    if (n == 0) {
                        throw new CompletionException(new IllegalStateException("boom " + worker));
                    }
                    if (n == 1) {
                        recorder.miss(1);
                    }
                    return 2;
                })
                .run(Duration.ofMillis(200), recorder, window);

        assertThat(elapsed).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(200));
        assertThat(opened).hasValue(11);
        assertThat(recorder.operations()).isPositive();
        assertThat(recorder.items()).isEqualTo(2 * recorder.operations());
        assertThat(recorder.misses()).isPositive().isLessThan(recorder.operations());
        assertThat(recorder.errors()).containsOnlyKeys("IllegalStateException");
        assertThat(recorder.errorCount()).isPositive();
        assertThat(recorder.firstFailures())
                .hasSize(LoadRecorder.FIRST_FAILURES_KEPT)
                .allMatch(s -> s.startsWith("java.lang.IllegalStateException: boom "));
        assertThat(recorder.latencies().getTotalCount()).isEqualTo(recorder.operations());
    }

    @Test
    void anOpenEndedLoadStopsAndNamesTheWorkersStuckInARequest() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blocked = new CountDownLatch(1);
        LoadRecorder recorder = new LoadRecorder();
        ThreadedLoad.Running running = new ThreadedLoad("stuck", 2, Threads.platform(), worker -> random -> {
                    if (worker == 1) {
                        blocked.countDown();
                        release.await();
                    }
                    return 1;
                })
                .start(recorder);
        assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();

        List<String> stuck = running.stop(Duration.ofMillis(200));
        release.countDown();

        assertThat(stuck).hasSize(1);
        assertThat(stuck.get(0))
                .startsWith("thread stuck-1 still stuck after the load stopped:")
                .contains("CountDownLatch.await");
        assertThat(recorder.operations()).isPositive();
        assertThat(running.stop(Duration.ofSeconds(10))).isEmpty();
    }

    @Test
    void theAsyncWindowKeepsItsRequestsOutstandingAndRecordsEachOutcome() throws Exception {
        LoadRecorder recorder = new LoadRecorder();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        AtomicInteger n = new AtomicInteger();
        new AsyncWindowLoad<>(
                        4,
                        random -> {
                            int i = n.incrementAndGet();
                            if (i % 7 == 0) {
                                throw new IllegalArgumentException("refused at once");
                            }
                            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                            return CompletableFuture.supplyAsync(() -> {
                                inFlight.decrementAndGet();
                                if (i % 5 == 0) {
                                    throw new IllegalStateException("failed later");
                                }
                                return 3;
                            });
                        },
                        Integer::intValue,
                        Duration.ofSeconds(30))
                .run(Duration.ofMillis(200), recorder, Window.NONE);

        assertThat(most.get()).isBetween(1, 4);
        assertThat(recorder.operations()).isPositive();
        assertThat(recorder.items()).isEqualTo(3 * recorder.operations());
        assertThat(recorder.errors()).containsOnlyKeys("IllegalArgumentException", "IllegalStateException");
    }

    @Test
    void theAsyncWindowRecordsWhatItsItemCountThrowsAndRequestsThatNeverComplete() throws Exception {
        LoadRecorder recorder = new LoadRecorder();
        AtomicInteger n = new AtomicInteger();
        AtomicInteger counted = new AtomicInteger();
        CompletableFuture<String> never = new CompletableFuture<>();
        new AsyncWindowLoad<String>(
                        3,
                        random -> n.incrementAndGet() <= 2 ? never : CompletableFuture.completedFuture("v"),
                        value -> {
                            if (counted.incrementAndGet() == 1) {
                                throw new IllegalStateException("wrong value " + value);
                            }
                            return 1;
                        },
                        Duration.ofMillis(50))
                .run(Duration.ofMillis(100), recorder, Window.NONE);

        assertThat(recorder.operations()).isPositive();
        assertThat(recorder.errors())
                .containsOnlyKeys("IllegalStateException", "TimeoutException")
                .containsEntry("IllegalStateException", 1L)
                .containsEntry("TimeoutException", 1L);
        assertThat(recorder.firstFailures()).anyMatch(f -> f.contains("wrong value v"));
        assertThat(recorder.firstFailures()).anyMatch(f -> f.contains("2 asynchronous requests never completed"));
    }

    @Test
    void theAsyncWindowAllocatesOnlyTheStageWhenCompleteMakes() throws Exception {
        CompletableFuture<Integer> done = CompletableFuture.completedFuture(1);
        AsyncWindowLoad<Integer> load =
                new AsyncWindowLoad<>(16, random -> done, Integer::intValue, Duration.ofSeconds(10));
        long least = Long.MAX_VALUE;
        // The least of a few rounds, so one-off work while the JIT settles does not count.
        for (int round = 0; round < 4; round++) {
            LoadRecorder recorder = new LoadRecorder();
            long before = allocatedBytes();
            load.run(Duration.ofMillis(200), recorder, Window.NONE);
            least = Math.min(least, (allocatedBytes() - before) / Math.max(1, recorder.operations()));
        }
        // whenComplete's new stage is 24 bytes; a callback allocated per request would add 32 or more.
        assertThat(least).as("bytes the window allocates per request").isLessThanOrEqualTo(24);
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean())
                .getCurrentThreadAllocatedBytes();
    }

    @Test
    void virtualThreadsWhereTheRuntimeHasThem() throws Exception {
        if (Runtime.version().feature() < 21) {
            assertThat(Threads.virtual()).isEmpty();
            return;
        }
        LoadRecorder recorder = new LoadRecorder();
        new ThreadedLoad("v", 50, Threads.virtual().orElseThrow(), worker -> random -> 1)
                .run(Duration.ofMillis(100), recorder, Window.NONE);
        assertThat(recorder.operations()).isPositive();
    }
}
