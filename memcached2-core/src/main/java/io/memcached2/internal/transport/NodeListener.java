package io.memcached2.internal.transport;

/** Hears a node's availability changes, once per change (not once per request). */
public interface NodeListener {
    /**
     * @param node the node
     * @param up whether it is available now
     * @param cause why it went down, or null when it came up
     */
    void stateChanged(Node node, boolean up, Throwable cause);
}
