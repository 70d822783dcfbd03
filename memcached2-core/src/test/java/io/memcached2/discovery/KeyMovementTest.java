package io.memcached2.discovery;

import static io.memcached2.discovery.ConfigEndpoint.entry;
import static org.assertj.core.api.Assertions.assertThat;

import io.memcached2.Memcache;
import io.memcached2.testkit.MemcachedServer;
import io.memcached2.testsupport.Poll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A node added by the endpoint takes only its share of the keys: measured over 10,000 keys, the fraction that moves
 * is near the ring's expectation 1/(n+1), and every key that moves goes to the new node.
 */
class KeyMovementTest {
    private static final int KEYS = 10_000;
    private static final int BATCH = 500;

    @Test
    void anAddedNodeMovesOnlyTheKeysItNowOwns() {
        try (MemcachedServer a = MemcachedServer.start();
                MemcachedServer b = MemcachedServer.start();
                MemcachedServer c = MemcachedServer.start();
                MemcachedServer d = MemcachedServer.start();
                ConfigEndpoint endpoint = new ConfigEndpoint()) {
            endpoint.publish(1, entry("node-1.test", a), entry("node-2.test", b), entry("node-3.test", c));
            try (Memcache<String> mc = Nodes.client(endpoint)) {
                List<String> keys = new ArrayList<>(KEYS);
                for (int i = 0; i < KEYS; i++) {
                    keys.add("move:" + i);
                }
                store(mc, keys);
                long oldTotal = Nodes.currItems(a) + Nodes.currItems(b) + Nodes.currItems(c);
                assertThat(oldTotal).isEqualTo(KEYS);

                endpoint.publish(
                        2,
                        entry("node-1.test", a),
                        entry("node-2.test", b),
                        entry("node-3.test", c),
                        entry("node-4.test", d));
                Poll.until(
                        "node 4 added",
                        Duration.ofSeconds(20),
                        () -> mc.servers().size() == 4);

                List<String> moved = new ArrayList<>();
                for (int from = 0; from < KEYS; from += BATCH) {
                    List<String> part = keys.subList(from, from + BATCH);
                    Map<String, String> hits = mc.getMulti(part);
                    part.stream().filter(k -> !hits.containsKey(k)).forEach(moved::add);
                }
                double fraction = moved.size() / (double) KEYS;
                assertThat(fraction)
                        .as("moved fraction vs the ring's 1/(n+1) = 0.25")
                        .isBetween(0.15, 0.35);

                store(mc, moved);
                assertThat(Nodes.currItems(d))
                        .as("every moved key went to the new node")
                        .isEqualTo(moved.size());
                assertThat(Nodes.currItems(a) + Nodes.currItems(b) + Nodes.currItems(c))
                        .as("no key moved between the old nodes")
                        .isEqualTo(oldTotal);
            }
        }
    }

    private static void store(Memcache<String> mc, List<String> keys) {
        for (int from = 0; from < keys.size(); from += BATCH) {
            Map<String, String> part = new LinkedHashMap<>();
            keys.subList(from, Math.min(keys.size(), from + BATCH)).forEach(k -> part.put(k, "v"));
            mc.setMulti(part);
        }
    }
}
