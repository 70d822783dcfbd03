package io.memcached2.internal.transport;

/** What a node tells the client it belongs to. */
public interface NodeListener {
    /**
     * Hears an availability change, once per change (not once per request).
     *
     * @param node the node
     * @param up whether it is available now
     * @param cause why it went down, or null when it came up
     */
    void stateChanged(Node node, boolean up, Throwable cause);

    /**
     * Takes a request that reached a node removed from the server list before it was written, to send it where
     * the current server list places it.
     *
     * @param deliveries where a failure completes, since this runs on an I/O thread
     */
    void reroute(Request request, Deliveries deliveries);
}
