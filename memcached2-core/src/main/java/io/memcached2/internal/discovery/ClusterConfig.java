package io.memcached2.internal.discovery;

import java.util.List;

/**
 * A cluster configuration as the endpoint gave it.
 *
 * @param version the configuration version; the endpoint raises it whenever the node list changes
 * @param nodes the nodes, in the endpoint's order, never empty, no host and port twice
 */
public record ClusterConfig(long version, List<NodeEntry> nodes) {
    public ClusterConfig {
        nodes = List.copyOf(nodes);
    }
}
