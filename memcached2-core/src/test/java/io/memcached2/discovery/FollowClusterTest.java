package io.memcached2.discovery;

import static io.memcached2.discovery.ConfigEndpoint.entry;
import static org.assertj.core.api.Assertions.assertThat;

import io.memcached2.Memcache;
import io.memcached2.NoValue;
import io.memcached2.internal.discovery.DiscoveryPoller;
import io.memcached2.testkit.MemcachedServer;
import io.memcached2.testsupport.LogCapture;
import io.memcached2.testsupport.Poll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client follows what a configuration endpoint publishes: nodes added, removed, replaced; versions. */
class FollowClusterTest {
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
    }

    @AfterEach
    void stopEndpoint() {
        endpoint.close();
    }

    @Test
    void startsWithTheListedNodesConnectingByIp() {
        endpoint.publish(1, entry("node-a.test", a), entry("node-b.test", b));
        try (Memcache<String> mc = Nodes.client(endpoint)) {
            assertThat(Nodes.servers(mc)).containsExactly(entry("node-a.test", a), entry("node-b.test", b));
            for (int i = 0; i < 50; i++) {
                mc.set("start-" + i, "v" + i);
                assertThat(mc.get("start-" + i)).isEqualTo("v" + i);
            }
        }
    }

    @Test
    void followsAnAddedNode() {
        endpoint.publish(1, entry("node-a.test", a), entry("node-b.test", b));
        try (Memcache<String> mc = Nodes.client(endpoint)) {
            endpoint.publish(2, entry("node-a.test", a), entry("node-b.test", b), entry("node-c.test", c));
            Poll.until("node c added", BOUND, () -> Nodes.servers(mc).size() == 3);
            assertThat(Nodes.servers(mc))
                    .containsExactly(entry("node-a.test", a), entry("node-b.test", b), entry("node-c.test", c));
            long before = Nodes.currItems(c);
            for (int i = 0; i < 300; i++) {
                mc.set("added-" + i, "v");
            }
            assertThat(Nodes.currItems(c)).as("keys placed on the added node").isGreaterThan(before);
        }
    }

    @Test
    void followsARemovedNode() {
        endpoint.publish(7, entry("node-a.test", a), entry("node-b.test", b), entry("node-c.test", c));
        try (Memcache<String> mc = Nodes.client(endpoint)) {
            endpoint.publish(8, entry("node-a.test", a), entry("node-c.test", c));
            Poll.until("node b removed", BOUND, () -> Nodes.servers(mc).size() == 2);
            assertThat(Nodes.servers(mc)).containsExactly(entry("node-a.test", a), entry("node-c.test", c));
            long onB = Nodes.currItems(b);
            for (int i = 0; i < 300; i++) {
                mc.set("removed-" + i, "v" + i);
                assertThat(mc.get("removed-" + i)).isEqualTo("v" + i);
            }
            assertThat(Nodes.currItems(b))
                    .as("nothing stored on the removed node")
                    .isEqualTo(onB);
        }
    }

    /**
     * The node named node-b.test moves to another IP (a new memcached at 127.0.0.2, same port): it keeps exactly
     * the keys it owned, because placement hashes the host name, and connections go to the new IP.
     */
    @Test
    void aReplacedNodeKeepsItsKeysAndIsReachedAtItsNewIp() {
        try (MemcachedServer bOld = MemcachedServer.start();
                MemcachedServer bNew = MemcachedServer.builder()
                        .listen("127.0.0.2", bOld.port())
                        .start()) {
            endpoint.publish(3, entry("node-a.test", a), entry("node-b.test", bOld), entry("node-c.test", c));
            try (Memcache<String> mc = Nodes.client(endpoint)) {
                List<String> keys = new ArrayList<>();
                for (int i = 0; i < 600; i++) {
                    keys.add("replaced-" + i);
                }
                long onA = Nodes.currItems(a);
                long onC = Nodes.currItems(c);
                keys.forEach(k -> mc.set(k, "v"));
                long onB = Nodes.currItems(bOld);
                assertThat(onB).isPositive();

                endpoint.publish(4, entry("node-a.test", a), entry("node-b.test", bNew), entry("node-c.test", c));
                Poll.until(
                        "node b at 127.0.0.2",
                        BOUND,
                        () -> Nodes.servers(mc).contains("node-b.test|127.0.0.2|" + bOld.port()));

                List<String> missing = new ArrayList<>();
                for (String k : keys) {
                    try {
                        mc.get(k);
                    } catch (NoValue e) {
                        missing.add(k);
                    }
                }
                assertThat(missing)
                        .as("exactly the keys of node b now go to its empty replacement")
                        .hasSize((int) onB);
                missing.forEach(k -> mc.set(k, "v"));
                assertThat(Nodes.currItems(bNew)).isEqualTo(onB);
                assertThat(Nodes.currItems(a) + Nodes.currItems(c)).isEqualTo(onA + onC + keys.size() - onB);
            }
        }
    }

    @Test
    void ignoresAVersionThatGoesBackwardsAndLogsItOnce() {
        endpoint.publish(5, entry("node-a.test", a), entry("node-b.test", b));
        try (LogCapture logs = new LogCapture();
                Memcache<String> mc = Nodes.client(endpoint)) {
            endpoint.publish(4, entry("node-a.test", a), entry("node-b.test", b), entry("node-c.test", c));
            int polls = endpoint.polls();
            endpoint.awaitPolls(polls, 4);
            assertThat(Nodes.servers(mc)).hasSize(2);
            assertThat(logs.lines("WARN", DiscoveryPoller.class))
                    .singleElement()
                    .asString()
                    .contains("version 4, older than the version 5 in use; ignored");

            endpoint.publish(6, entry("node-a.test", a), entry("node-b.test", b), entry("node-c.test", c));
            Poll.until("version 6 applied", BOUND, () -> Nodes.servers(mc).size() == 3);
        }
    }

    @Test
    void theSameVersionChangesNothing() {
        endpoint.publish(9, entry("node-a.test", a), entry("node-b.test", b));
        try (Memcache<String> mc = Nodes.client(endpoint)) {
            endpoint.publish(9, entry("node-a.test", a), entry("node-b.test", b), entry("node-c.test", c));
            int polls = endpoint.polls();
            endpoint.awaitPolls(polls, 4);
            assertThat(Nodes.servers(mc)).containsExactly(entry("node-a.test", a), entry("node-b.test", b));
        }
    }

    @Test
    void fallsBackToTheLegacyGetWhenConfigIsAnError() {
        endpoint.legacy();
        endpoint.publish(1, entry("node-a.test", a), entry("node-b.test", b));
        try (Memcache<String> mc = Nodes.client(endpoint)) {
            assertThat(Nodes.servers(mc)).hasSize(2);
            endpoint.publish(2, entry("node-a.test", a), entry("node-b.test", b), entry("node-c.test", c));
            Poll.until("version 2 applied", BOUND, () -> Nodes.servers(mc).size() == 3);
            int polls = endpoint.polls();
            endpoint.awaitPolls(polls, 2);
            List<String> asked = endpoint.fake.received();
            assertThat(asked.get(0)).isEqualTo("config get cluster");
            assertThat(asked.subList(1, asked.size()))
                    .as("remembered after the first ERROR")
                    .hasSizeGreaterThanOrEqualTo(3)
                    .containsOnly("get AmazonElastiCache:cluster");
            mc.set("legacy", "works");
            assertThat(mc.get("legacy")).isEqualTo("works");
        }
    }

    @Test
    void aNodeListedWithoutIpIsResolvedByName() {
        endpoint.publish(1, "localhost||" + a.port(), entry("node-b.test", b));
        try (Memcache<String> mc = Nodes.client(endpoint)) {
            assertThat(Nodes.servers(mc).get(0)).matches("localhost\\|[0-9a-f.:]+\\|" + a.port());
            for (int i = 0; i < 50; i++) {
                mc.set("resolved-" + i, "v" + i);
                assertThat(mc.get("resolved-" + i)).isEqualTo("v" + i);
            }
        }
    }

    @Test
    void closingTheClientStopsThePoller() {
        endpoint.publish(1, entry("node-a.test", a));
        Memcache<String> mc = Nodes.client(endpoint);
        assertThat(Nodes.pollerThreadAlive()).isTrue();
        mc.close();
        assertThat(Nodes.pollerThreadAlive()).isFalse();
    }
}
