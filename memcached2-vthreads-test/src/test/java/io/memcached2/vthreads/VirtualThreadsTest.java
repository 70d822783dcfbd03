package io.memcached2.vthreads;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcached2.Memcache;
import io.memcached2.NoValue;
import io.memcached2.Store;
import io.memcached2.testkit.MemcachedExtension;
import io.memcached2.testkit.MemcachedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Ten thousand virtual threads share one blocking client; every value names its key and its writer, so a reply
 * handed to the wrong caller shows. JFR records {@code jdk.VirtualThreadPinned} with no threshold meanwhile: no
 * carrier thread may be pinned with a frame of the library on the stack. A pin while the JVM loads a class on first
 * use (a native frame under {@code ClassLoader.loadClass}) is the JVM's, not the library's: a warm-up run before the
 * recording loads the classes, and such a pin is not counted if one still happens.
 */
@ExtendWith(MemcachedExtension.class)
class VirtualThreadsTest {
    private static final int THREADS = 10_000;
    private static final int ROUNDS = 3;
    private static final String PINNED = "jdk.VirtualThreadPinned";

    @Test
    void tenThousandVirtualThreadsShareOneClientUnpinned(MemcachedServer server) throws Exception {
        Queue<String> wrong = new ConcurrentLinkedQueue<>();
        AtomicInteger checked = new AtomicInteger();
        List<RecordedEvent> pinned;
        try (Recording recording = new Recording();
                Memcache<String> mc = Memcache.builder()
                        .servers(server.uri())
                        .operationTimeout(Duration.ofSeconds(30))
                        .build()) {
            try (ExecutorService warmUp = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < 100; i++) {
                    int writer = THREADS + i;
                    warmUp.submit(() -> work(mc, writer, new ConcurrentLinkedQueue<>(), new AtomicInteger()));
                }
            }
            recording.enable(PINNED).withThreshold(Duration.ZERO).withStackTrace();
            recording.start();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> done = new ArrayList<>(THREADS);
                for (int i = 0; i < THREADS; i++) {
                    int writer = i;
                    done.add(pool.submit(() -> work(mc, writer, wrong, checked)));
                }
                pool.shutdown();
                assertThat(pool.awaitTermination(5, TimeUnit.MINUTES))
                        .as("all virtual threads finished")
                        .isTrue();
                for (Future<?> f : done) {
                    f.get();
                }
            }
            recording.stop();
            pinned = read(recording);
        }
        assertThat(wrong).as("values read back that name another key or writer").isEmpty();
        assertThat(checked.get()).isEqualTo(THREADS * ROUNDS * 2);
        assertThat(pinned.stream()
                        .filter(VirtualThreadsTest::hasLibraryFrame)
                        .filter(e -> !isClassLoading(e))
                        .map(VirtualThreadsTest::describe))
                .as("carrier threads pinned in memcached2 code")
                .isEmpty();
    }

    /** The recording sees a pin when there is one: a virtual thread parks inside a class initializer. */
    @Test
    void aPinIsRecorded() throws Exception {
        List<RecordedEvent> pinned;
        try (Recording recording = new Recording()) {
            recording.enable(PINNED).withThreshold(Duration.ZERO).withStackTrace();
            recording.start();
            Thread.ofVirtual()
                    .start(() -> assertThat(ParksWhileInitialized.READY).isTrue())
                    .join();
            recording.stop();
            pinned = read(recording);
        }
        assertThat(pinned).anySatisfy(e -> assertThat(describe(e)).contains(ParksWhileInitialized.class.getName()));
    }

    /** Parks in its static initializer, where a virtual thread cannot unmount. */
    private static final class ParksWhileInitialized {
        static final boolean READY = park();

        private static boolean park() {
            java.util.concurrent.locks.LockSupport.parkNanos(
                    Duration.ofMillis(50).toNanos());
            return true;
        }
    }

    /** Writes its own key, reads it back, and reads its neighbour's, which is absent or names the neighbour. */
    private static void work(Memcache<String> mc, int writer, Queue<String> wrong, AtomicInteger checked) {
        for (int round = 0; round < ROUNDS; round++) {
            String value = value(writer, round);
            mc.set(key(writer), value, Store.ttl(Duration.ofMinutes(5)));
            String read = mc.get(key(writer));
            if (!read.equals(value)) {
                wrong.add(key(writer) + " read " + read + ", wrote " + value);
            }
            checked.incrementAndGet();
            int neighbour = (writer + 1) % THREADS;
            try {
                String other = mc.get(key(neighbour));
                if (!other.startsWith(key(neighbour) + " by " + neighbour + " round ")) {
                    wrong.add(key(neighbour) + " read " + other);
                }
            } catch (NoValue notYetWritten) {
                // The neighbour has not stored its first value yet.
            }
            checked.incrementAndGet();
        }
    }

    private static String key(int writer) {
        return "vt:" + writer;
    }

    private static String value(int writer, int round) {
        return key(writer) + " by " + writer + " round " + round;
    }

    private static List<RecordedEvent> read(Recording recording) throws Exception {
        Path file = Files.createTempFile("pinned", ".jfr");
        try {
            recording.dump(file);
            return RecordingFile.readAllEvents(file).stream()
                    .filter(e -> e.getEventType().getName().equals(PINNED))
                    .toList();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** A frame of the library: io.memcached2, but not this test package. */
    static boolean hasLibraryFrame(RecordedEvent event) {
        return event.getStackTrace() != null
                && event.getStackTrace().getFrames().stream()
                        .map(RecordedFrame::getMethod)
                        .map(m -> m.getType().getName())
                        .anyMatch(type ->
                                type.startsWith("io.memcached2.") && !type.startsWith("io.memcached2.vthreads."));
    }

    /** Pinned inside the JVM's loading of a class. */
    static boolean isClassLoading(RecordedEvent event) {
        return event.getStackTrace().getFrames().stream()
                .map(RecordedFrame::getMethod)
                .anyMatch(m -> m.getType().getName().equals("java.lang.ClassLoader")
                        && m.getName().equals("loadClass"));
    }

    private static String describe(RecordedEvent event) {
        StringBuilder s =
                new StringBuilder("pinned for ").append(event.getDuration()).append(':');
        for (RecordedFrame frame : event.getStackTrace().getFrames()) {
            s.append("\n    at ")
                    .append(frame.getMethod().getType().getName())
                    .append('.')
                    .append(frame.getMethod().getName())
                    .append(" line ")
                    .append(frame.getLineNumber());
        }
        return s.toString();
    }
}
