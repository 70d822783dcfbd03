package io.memcached2;

import io.memcached2.internal.discovery.DiscoveryPoller;
import io.memcached2.internal.discovery.EndpointClient;
import io.memcached2.internal.discovery.NodeEntry;
import io.memcached2.internal.routing.Engine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps a client's server list to what its configuration endpoint says: the first list at build, later ones through
 * {@link Engine#updateServers}. A node is placed by its host name and connected to at its IP
 * ({@link ServerAddress#discovered}).
 */
final class ClusterFollower implements AutoCloseable {
    private final DiscoveryPoller poller;

    /** The first poll is bounded by the connect timeout plus the operation timeout, as every later one. */
    ClusterFollower(Discovery discovery, Duration connectTimeout, Duration operationTimeout) {
        this.poller = new DiscoveryPoller(
                new EndpointClient(discovery.host(), discovery.port(), connectTimeout, operationTimeout),
                discovery.pollInterval());
    }

    /**
     * @return the servers the endpoint lists now
     * @throws MemcachedException naming the endpoint when it cannot be reached or answers badly
     */
    List<ServerAddress> firstServers() {
        return addresses(poller.first());
    }

    /** Applies every newer list to {@code engine} from now on, until {@link #close()}. */
    void follow(Engine engine) {
        poller.start(nodes -> engine.updateServers(addresses(nodes)));
    }

    private static List<ServerAddress> addresses(List<NodeEntry> nodes) {
        List<ServerAddress> out = new ArrayList<>(nodes.size());
        for (NodeEntry n : nodes) {
            out.add(ServerAddress.discovered(n.host(), n.ip().isEmpty() ? null : n.ip(), n.port()));
        }
        return out;
    }

    /** Stops polling; no thread is left when this returns. */
    @Override
    public void close() {
        poller.close();
    }
}
