package io.memcached2.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcached2.internal.discovery.DiscoveryPoller;
import io.memcached2.internal.discovery.EndpointClient;
import io.memcached2.internal.discovery.NodeEntry;
import io.memcached2.testsupport.Poll;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A node listed without an IP is resolved by its host name at every poll, and followed when its address changes. */
class ResolutionTest {
    private static final Duration BOUND = Duration.ofSeconds(20);

    @Test
    void aNodeWithoutIpIsReResolvedAtEveryPoll() {
        AtomicReference<String> dns = new AtomicReference<>("10.0.0.1");
        List<List<NodeEntry>> applied = new CopyOnWriteArrayList<>();
        try (ConfigEndpoint endpoint = new ConfigEndpoint();
                DiscoveryPoller poller = poller(endpoint, host -> {
                    String ip = dns.get();
                    if (ip == null) {
                        throw new UnknownHostException(host);
                    }
                    return ip;
                })) {
            endpoint.publish(4, "node-a.test||11211", "node-b.test|10.0.0.9|11211");
            assertThat(poller.first())
                    .containsExactly(
                            new NodeEntry("node-a.test", "10.0.0.1", 11211),
                            new NodeEntry("node-b.test", "10.0.0.9", 11211));
            poller.start(applied::add);

            dns.set("10.0.0.2");
            Poll.until("the new address applied, same version", BOUND, () -> !applied.isEmpty());
            assertThat(applied.get(0))
                    .containsExactly(
                            new NodeEntry("node-a.test", "10.0.0.2", 11211),
                            new NodeEntry("node-b.test", "10.0.0.9", 11211));

            dns.set(null);
            int polls = endpoint.polls();
            endpoint.awaitPolls(polls, 3);
            assertThat(applied).as("a failed lookup keeps the last address").hasSize(1);
            assertThat(poller.appliedVersion()).isEqualTo(4);
        }
    }

    @Test
    void aSameVersionWithAnotherListIsIgnored() {
        List<List<NodeEntry>> applied = new CopyOnWriteArrayList<>();
        try (ConfigEndpoint endpoint = new ConfigEndpoint();
                DiscoveryPoller poller = poller(endpoint, h -> "10.0.0.1")) {
            endpoint.publish(4, "node-a.test|10.0.0.1|11211");
            poller.first();
            poller.start(applied::add);
            endpoint.publish(4, "node-a.test|10.0.0.1|11211", "node-b.test|10.0.0.2|11211");
            int polls = endpoint.polls();
            endpoint.awaitPolls(polls, 3);
            assertThat(applied).isEmpty();
            assertThat(poller.failedPolls()).isZero();
        }
    }

    @Test
    void failedPollsAreCounted() {
        try (ConfigEndpoint endpoint = new ConfigEndpoint();
                DiscoveryPoller poller = poller(endpoint, h -> "10.0.0.1")) {
            endpoint.publish(1, "node-a.test|10.0.0.1|11211");
            poller.first();
            poller.start(nodes -> {});
            endpoint.answerRaw("garbage\r\n");
            Poll.until("three failed polls counted", BOUND, () -> poller.failedPolls() >= 3);
        }
    }

    private static DiscoveryPoller poller(ConfigEndpoint endpoint, DiscoveryPoller.Resolver resolver) {
        String[] hostPort = endpoint.endpoint().split(":");
        EndpointClient client = new EndpointClient(
                hostPort[0], Integer.parseInt(hostPort[1]), Duration.ofSeconds(2), Duration.ofSeconds(2));
        return new DiscoveryPoller(client, Nodes.POLL, resolver);
    }
}
