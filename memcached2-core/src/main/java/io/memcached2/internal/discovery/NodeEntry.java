package io.memcached2.internal.discovery;

/**
 * One node of a cluster configuration.
 *
 * @param host the node's host name, its identity for key placement
 * @param ip the IP literal to connect to; empty when the endpoint gave none and resolution found none (connections
 *     then resolve {@code host} themselves)
 * @param port the TCP port
 */
public record NodeEntry(String host, String ip, int port) {
    @Override
    public String toString() {
        return host + "|" + ip + "|" + port;
    }
}
