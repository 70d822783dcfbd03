package io.memcached2.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcached2.Memcache;
import io.memcached2.internal.events.RequestEvent;
import io.memcached2.testkit.FaultProxy;
import io.memcached2.testkit.MemcachedExtension;
import io.memcached2.testkit.MemcachedServer;
import io.memcached2.testsupport.Poll;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Issue 16: JFR events for slow requests and for connections, under one category, and free when not recorded. */
@ExtendWith(MemcachedExtension.class)
class JfrEventsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static List<RecordedEvent> events(Recording recording, String name) throws Exception {
        Path file = Files.createTempFile("memcached2", ".jfr");
        try {
            recording.dump(file);
            return RecordingFile.readAllEvents(file).stream()
                    .filter(e -> e.getEventType().getName().equals(name))
                    .toList();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void warmUp(Memcache<String> mc) {
        Poll.until("the client to answer", WAIT, () -> {
            try {
                mc.set("warm", "up");
                return true;
            } catch (RuntimeException e) {
                return false;
            }
        });
    }

    @Test
    void aSlowRequestIsRecordedAndFastOnesAreNot(MemcachedServer server) throws Exception {
        try (Recording recording = new Recording();
                FaultProxy proxy = FaultProxy.to(server)) {
            recording.enable("memcached2.Request"); // the event's own threshold: 10 ms
            recording.enable("memcached2.ConnectionOpened");
            recording.enable("memcached2.ConnectionClosed");
            recording.start();
            try (Memcache<String> mc = Memcache.builder().servers(proxy.uri()).build()) {
                warmUp(mc);
                mc.set("fast", "f");
                mc.set("slowkey", "s");
                for (int i = 0; i < 50; i++) {
                    mc.get("fast");
                }
                proxy.latency(Duration.ofMillis(200));
                assertThat(mc.get("slowkey")).isEqualTo("s");
                proxy.latency(Duration.ZERO);
            }
            recording.stop();
            List<RecordedEvent> requests = events(recording, "memcached2.Request");
            assertThat(requests).as("the slow get").anySatisfy(e -> {
                assertThat(e.getString("command")).isEqualTo("get");
                assertThat(e.getString("server")).isEqualTo("127.0.0.1:" + proxy.port());
                assertThat(e.getInt("keys")).isEqualTo(1);
                assertThat(e.getDuration()).isGreaterThanOrEqualTo(Duration.ofMillis(150));
            });
            assertThat(requests)
                    .as("nothing under the threshold")
                    .allSatisfy(e -> assertThat(e.getDuration()).isGreaterThanOrEqualTo(Duration.ofMillis(10)));
            assertThat(requests.size()).as("not the 50 fast gets").isLessThan(10);
            List<RecordedEvent> opened = events(recording, "memcached2.ConnectionOpened");
            List<RecordedEvent> closed = events(recording, "memcached2.ConnectionClosed");
            assertThat(opened)
                    .singleElement()
                    .satisfies(e -> assertThat(e.getString("server")).endsWith(":" + proxy.port()));
            assertThat(closed)
                    .singleElement()
                    .satisfies(e -> assertThat(e.getString("cause")).isEqualTo("closed by the client"));
            for (RecordedEvent e : List.of(requests.get(0), opened.get(0), closed.get(0))) {
                assertThat(e.getEventType().getCategoryNames()).containsExactly("memcached2");
            }
        }
    }

    @Test
    void bytesAreCountedPerRequest(MemcachedServer server) throws Exception {
        String value = "x".repeat(1000);
        try (Recording recording = new Recording()) {
            recording.enable("memcached2.Request").withThreshold(Duration.ZERO);
            recording.start();
            try (Memcache<String> mc = Memcache.builder().servers(server.uri()).build()) {
                warmUp(mc);
                mc.set("big", value);
                assertThat(mc.get("big")).isEqualTo(value);
            }
            recording.stop();
            List<RecordedEvent> requests = events(recording, "memcached2.Request");
            assertThat(requests).anySatisfy(e -> {
                assertThat(e.getString("command")).isEqualTo("set");
                assertThat(e.getLong("bytesSent")).isGreaterThan(1000).isLessThan(1100);
                assertThat(e.getLong("bytesReceived")).isPositive().isLessThan(100);
                assertThat(e.getString("failure")).isEmpty();
            });
            assertThat(requests).anySatisfy(e -> {
                assertThat(e.getString("command")).isEqualTo("get");
                assertThat(e.getLong("bytesSent")).isPositive().isLessThan(100);
                assertThat(e.getLong("bytesReceived")).isGreaterThan(1000).isLessThan(1100);
            });
        }
    }

    /**
     * Without a recording the check at submission returns null and allocates nothing: measured with the JVM's
     * per-thread allocation counter (reached by reflection, since the core's module does not read java.management).
     */
    @Test
    void withoutARecordingARequestMakesNoEvent() throws Exception {
        Object threads = Class.forName("java.lang.management.ManagementFactory")
                .getMethod("getThreadMXBean")
                .invoke(null);
        Method allocatedBytes =
                Class.forName("com.sun.management.ThreadMXBean").getMethod("getThreadAllocatedBytes", long.class);
        long id = Thread.currentThread().getId();
        for (int i = 0; i < 100_000; i++) {
            assertThat(RequestEvent.start() == null).isTrue();
        }
        long before = (Long) allocatedBytes.invoke(threads, id);
        int made = 0;
        for (int i = 0; i < 1_000_000; i++) {
            if (RequestEvent.start() != null) {
                made++;
            }
        }
        long allocated = (Long) allocatedBytes.invoke(threads, id) - before;
        assertThat(made).isZero();
        assertThat(allocated).as("bytes allocated by a million checks").isLessThan(100_000);
    }
}
