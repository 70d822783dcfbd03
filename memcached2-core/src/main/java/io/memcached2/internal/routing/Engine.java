package io.memcached2.internal.routing;

import io.memcached2.NoAvailableServers;
import io.memcached2.Protocol;
import io.memcached2.ServerAddress;
import io.memcached2.ServerDisconnect;
import io.memcached2.internal.protocol.Keys;
import io.memcached2.internal.protocol.Op;
import io.memcached2.internal.transport.Deliveries;
import io.memcached2.internal.transport.IoResources;
import io.memcached2.internal.transport.Node;
import io.memcached2.internal.transport.NodeListener;
import io.memcached2.internal.transport.Request;
import io.memcached2.internal.transport.Settings;
import io.memcached2.routing.Placement;
import io.memcached2.routing.Selector;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The untyped core shared by the blocking and asynchronous clients: the nodes, key placement, request
 * preparation (every argument checked before anything is queued) and routing.
 */
public final class Engine implements NodeListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

    /** Nodes and their placement, swapped whole when the server list changes. */
    private static final class Topology {
        final Node[] nodes;
        final Placement placement;
        final IntPredicate up;

        Topology(Node[] nodes, Placement placement) {
            this.nodes = nodes;
            this.placement = placement;
            this.up = i -> nodes[i].isAvailable();
        }
    }

    /** The client's settings, shared with every node. */
    public final Settings settings;

    private final IoResources io;
    private final Selector selector;
    private final boolean metaPossible;
    private volatile Topology topology;
    /** Nodes removed by {@link #updateServers} that are still finishing what was written to them. */
    private final Set<CompletableFuture<Void>> retiring = ConcurrentHashMap.newKeySet();

    private boolean closed;

    /** Makes the nodes; no connection is opened until a request needs one. */
    public Engine(List<ServerAddress> servers, Selector selector, Settings settings, int ioThreads, Protocol protocol) {
        this.settings = settings;
        this.selector = selector;
        this.metaPossible = protocol != Protocol.TEXT;
        this.io = new IoResources(ioThreads);
        Node[] nodes = new Node[servers.size()];
        for (int i = 0; i < nodes.length; i++) {
            nodes[i] = new Node(servers.get(i), settings, io, this);
        }
        this.topology = new Topology(nodes, selector.place(servers));
    }

    @Override
    public void stateChanged(Node node, boolean up, Throwable cause) {
        if (up) {
            LOG.info("memcached server {} is available again", node);
        } else {
            LOG.warn("memcached server {} is down: {}", node, cause != null ? cause.getMessage() : "unknown");
        }
    }

    /** @return the node for a key, following the selector's failover */
    public Node nodeFor(String key) {
        Topology t = topology;
        if (t.nodes.length == 1) {
            return t.nodes[0];
        }
        int i = t.placement.select(key.getBytes(StandardCharsets.UTF_8), t.up);
        if (i == Placement.NONE) {
            throw new NoAvailableServers(
                    "no available server for key '" + Keys.escape(key) + "' among " + t.nodes.length + " servers");
        }
        return t.nodes[i];
    }

    /** @return every node, in configuration order */
    public Node[] nodes() {
        return topology.nodes;
    }

    /** Routes a single-key request to its node; a key with no available server fails the request. */
    public <R extends Request> R send(R r) {
        send(r, null);
        return r;
    }

    private void send(Request r, Deliveries deliveries) {
        Node node;
        try {
            node = nodeFor(r.key());
        } catch (NoAvailableServers e) {
            r.fail(e, deliveries);
            return;
        }
        submit(node, r, deliveries);
    }

    /** Sends a request to this node, noting the node's address on it for the call's events. */
    public static void submit(Node node, Request r) {
        submit(node, r, null);
    }

    private static void submit(Node node, Request r, Deliveries deliveries) {
        r.address = node.address();
        node.submit(r, deliveries);
    }

    /**
     * A request that reached a removed node before being written goes where the new server list places its key.
     * A part of a multi-key command, or a command for one server, cannot be placed again and fails saying why.
     */
    @Override
    public void reroute(Request r, Deliveries deliveries) {
        if (r.key() != null) {
            send(r, deliveries);
        } else {
            r.fail(
                    new ServerDisconnect("server " + r.server + " was removed from the server list before "
                            + r.describe() + " was sent"),
                    deliveries);
        }
    }

    /**
     * Checks a key before anything is queued.
     *
     * @return how the key travels, for the request's fill
     */
    public byte keyForm(String key) {
        return Keys.check(key, metaPossible);
    }

    /** Prepares incr/decr; memcached's delta is unsigned, so a negative one is refused rather than wrapped. */
    public <R extends Request> R arithmetic(R r, Op op, String key, long delta) {
        return arithmetic(r, op, key, delta, false, 0, 0);
    }

    /**
     * Prepares incr/decr, creating a missing counter at {@code initial} with this exptime when {@code autoCreate}
     * (for a server that {@link Node#createsOnArithmetic() can}).
     */
    public <R extends Request> R arithmetic(
            R r, Op op, String key, long delta, boolean autoCreate, long initial, int exptime) {
        if (delta < 0) {
            throw new IllegalArgumentException(
                    "incr/decr delta must not be negative: " + delta + " (use the opposite command)");
        }
        r.arithmetic(op, key, keyForm(key), delta, autoCreate, initial, exptime);
        return r;
    }

    /** Prepares a store; throws if the value is over the maximum item size. */
    public <R extends Request> R store(R r, Op op, String key, byte[] data, int flags, int exptime, long compareCas) {
        byte form = keyForm(key);
        if (data.length > settings.maxItemSize()) {
            throw new IllegalArgumentException("value for key '" + Keys.escape(key) + "' is " + data.length
                    + " bytes, over the maximum item size of " + settings.maxItemSize() + " bytes");
        }
        r.store(op, key, form, data, flags, exptime, compareCas);
        return r;
    }

    /**
     * Checks every key and groups them by node, in the order given, without duplicates. (With one server the keys are
     * checked later, by {@link #multiGet}.)
     *
     * @return the keys per node; keys with no available server are under the null node
     */
    public Map<Node, List<String>> split(java.util.Collection<String> keys) {
        Node[] all = topology.nodes;
        if (keys.isEmpty()) {
            return Map.of();
        }
        if (all.length == 1) {
            // One server: no grouping and no de-duplication; a repeated key just comes back twice.
            return java.util.Collections.singletonMap(
                    all[0], keys instanceof List ? (List<String>) keys : new ArrayList<>(keys));
        }
        Map<Node, List<String>> byNode = new LinkedHashMap<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String key : keys) {
            Keys.check(key, metaPossible);
            if (seen.add(key)) {
                Node node;
                try {
                    node = nodeFor(key);
                } catch (NoAvailableServers e) {
                    node = null;
                }
                byNode.computeIfAbsent(node, n -> new ArrayList<>()).add(key);
            }
        }
        return byNode;
    }

    /** Sends one part of a split multi-key command to its node, or fails it when it has none. */
    public void submitPart(Node node, Request part) {
        if (node == null) {
            part.fail(
                    new NoAvailableServers("no available server for " + part.keyCount() + " keys (first: '"
                            + Keys.escape(part.keys()[0]) + "')"),
                    null);
        } else {
            submit(node, part);
        }
    }

    /** Prepares a multi-get of keys that all live on one node. */
    public <R extends Request> R multiGet(R r, Op op, List<String> keys) {
        String[] all = keys.toArray(new String[0]);
        byte[] forms = new byte[all.length];
        for (int i = 0; i < all.length; i++) {
            forms[i] = Keys.check(all[i], metaPossible);
        }
        r.multiGet(op, all, forms);
        return r;
    }

    /**
     * Replaces the server list. Nodes whose address is unchanged keep their connections; removed nodes finish what was
     * written to them and hand back what was not (see {@link #reroute}); the selector places keys over the new list,
     * so with a consistent selector only the keys whose owner changed move.
     */
    public synchronized void updateServers(List<ServerAddress> servers) {
        if (closed) {
            throw new IllegalStateException("the client is closed");
        }
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("the server list must not be empty");
        }
        if (!settings.supportsTls() && servers.stream().anyMatch(a -> a.transport() == ServerAddress.Transport.TLS)) {
            throw new IllegalArgumentException("cannot add a memcached+tls:// server to a client built without TLS;"
                    + " configure MemcacheBuilder.tls(...) when building");
        }
        Map<ServerAddress, Node> current = new LinkedHashMap<>();
        for (Node n : topology.nodes) {
            current.put(n.address(), n);
        }
        Node[] nodes = new Node[servers.size()];
        for (int i = 0; i < nodes.length; i++) {
            Node kept = current.remove(servers.get(i));
            nodes[i] = kept != null ? kept : new Node(servers.get(i), settings, io, this);
        }
        topology = new Topology(nodes, selector.place(List.copyOf(servers)));
        long deadline = System.nanoTime() + settings.closeTimeoutNanos();
        for (Node removed : current.values()) {
            CompletableFuture<Void> done = removed.shutdown(deadline, true);
            retiring.add(done);
            done.whenComplete((v, e) -> retiring.remove(done));
        }
    }

    /**
     * Stops new requests, lets those in flight finish until the close timeout, fails the rest, then releases the
     * I/O threads. Ordered with {@link #updateServers}, so no node made by a concurrent update is left open.
     */
    @Override
    public void close() {
        List<CompletableFuture<Void>> closing = new ArrayList<>(retiring);
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            long deadline = System.nanoTime() + settings.closeTimeoutNanos();
            for (Node n : topology.nodes) {
                closing.add(n.shutdown(deadline, false));
            }
        }
        try {
            // The connections fail what is left at the deadline; the extra second covers their last timer tick.
            CompletableFuture.allOf(closing.toArray(new CompletableFuture<?>[0]))
                    .get(settings.closeTimeoutNanos() + TimeUnit.SECONDS.toNanos(1), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.warn("memcached client: connections still open after the close timeout; closing them now");
        }
        io.close();
    }
}
