package io.memcached2.discovery;

import static io.memcached2.discovery.ConfigEndpoint.entry;
import static org.assertj.core.api.Assertions.assertThat;

import io.memcached2.Memcache;
import io.memcached2.internal.discovery.DiscoveryPoller;
import io.memcached2.testkit.MemcachedServer;
import io.memcached2.testsupport.LogCapture;
import io.memcached2.testsupport.Poll;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An endpoint that is down, closes, stalls or answers garbage never empties the server list: the last good list stays,
 * the client keeps working, the trouble is logged once per change of state, and a later good answer is applied.
 */
class EndpointTroubleTest {
    private static final Duration BOUND = Duration.ofSeconds(20);
    private static MemcachedServer a;
    private static MemcachedServer b;
    private static MemcachedServer c;
    private ConfigEndpoint endpoint;

    @BeforeAll
    static void startNodes() {
        a = MemcachedServer.start();
        b = MemcachedServer.start();
        c = MemcachedServer.start();
    }

    @AfterAll
    static void stopNodes() {
        a.close();
        b.close();
        c.close();
    }

    @BeforeEach
    void startEndpoint() {
        endpoint = new ConfigEndpoint();
        endpoint.publish(1, entry("node-a.test", a), entry("node-b.test", b));
    }

    @AfterEach
    void stopEndpoint() {
        endpoint.close();
    }

    @Test
    void keepsWorkingWhileTheEndpointIsDown() {
        try (LogCapture logs = new LogCapture();
                Memcache<String> mc = Nodes.client(endpoint)) {
            endpoint.close();
            Poll.until("the failure logged", BOUND, () -> !warnings(logs).isEmpty());
            assertThat(warnings(logs).get(0)).contains(endpoint.endpoint()).contains("keeping the 2 servers");
            assertWorksOn(mc, 2);
        }
    }

    @Test
    void keepsWorkingWhileTheEndpointClosesEveryConnectionAndLogsItOnce() {
        try (LogCapture logs = new LogCapture();
                Memcache<String> mc = Nodes.client(endpoint)) {
            endpoint.closeOnRequest();
            int polls = endpoint.polls();
            endpoint.awaitPolls(polls, 4);
            assertWorksOn(mc, 2);
            endpoint.awaitPolls(endpoint.polls(), 1);
            assertThat(warnings(logs)).singleElement().asString().contains("closed the connection");
            recovers(mc, logs);
        }
    }

    @Test
    void keepsWorkingWhileTheEndpointAnswersGarbageAndLogsItOnce() {
        try (LogCapture logs = new LogCapture();
                Memcache<String> mc = Nodes.client(endpoint)) {
            endpoint.answerRaw("CONFIG cluster 0 5\r\nhello\r\nEND\r\n");
            int polls = endpoint.polls();
            endpoint.awaitPolls(polls, 4);
            assertWorksOn(mc, 2);
            endpoint.awaitPolls(endpoint.polls(), 1);
            assertThat(warnings(logs))
                    .singleElement()
                    .asString()
                    .contains("ProtocolError")
                    .doesNotContain("Exception");
            recovers(mc, logs);
        }
    }

    @Test
    void aNodeListThatIsGarbledMidwayChangesNothing() {
        try (Memcache<String> mc = Nodes.client(endpoint)) {
            endpoint.answerRaw(new String(
                    ConfigEndpoint.reply(
                            false, 2, entry("node-a.test", a), entry("node-b.test", b) + "|x", entry("node-c.test", c)),
                    java.nio.charset.StandardCharsets.ISO_8859_1));
            int polls = endpoint.polls();
            endpoint.awaitPolls(polls, 3);
            assertWorksOn(mc, 2);
        }
    }

    @Test
    void keepsWorkingWhileTheEndpointStalls() {
        try (LogCapture logs = new LogCapture();
                Memcache<String> mc = Nodes.client(endpoint, o -> o.operationTimeout(Duration.ofMillis(700)))) {
            endpoint.fake.stall(true);
            Poll.until("the stall logged", BOUND, () -> !warnings(logs).isEmpty());
            assertThat(warnings(logs).get(0)).contains("no complete answer within 700 ms");
            assertWorksOn(mc, 2);
            endpoint.fake.stall(false);
            recovers(mc, logs);
        }
    }

    private void recovers(Memcache<String> mc, LogCapture logs) {
        endpoint.publish(2, entry("node-a.test", a), entry("node-b.test", b), entry("node-c.test", c));
        Poll.until("version 2 applied", BOUND, () -> Nodes.servers(mc).size() == 3);
        Poll.until(
                "recovery logged",
                BOUND,
                () -> logs.lines("INFO", DiscoveryPoller.class).stream()
                        .anyMatch(l -> l.contains("answers well again after")));
        assertWorksOn(mc, 3);
    }

    private static List<String> warnings(LogCapture logs) {
        return logs.lines("WARN", DiscoveryPoller.class);
    }

    private static void assertWorksOn(Memcache<String> mc, int servers) {
        assertThat(mc.servers()).hasSize(servers);
        for (int i = 0; i < 100; i++) {
            mc.set("trouble-" + i, "v" + i);
            assertThat(mc.get("trouble-" + i)).isEqualTo("v" + i);
        }
    }
}
