package io.memcached2.internal.discovery;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows a cluster: asks the endpoint once at build ({@link #first()}), then every poll interval on a daemon thread
 * of its own, and hands a newer node list to the listener. The same version changes nothing (unless a node without
 * an IP now resolves elsewhere), an older one is ignored; an endpoint that fails or answers garbage leaves the last
 * good list in place. Each change of state (failing, answering again, going backwards) is logged once, and failed
 * polls are counted.
 */
public final class DiscoveryPoller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DiscoveryPoller.class);
    private static final long JOIN_MILLIS = 5_000;

    /** Takes the node list to use from now on. */
    @FunctionalInterface
    public interface Listener {
        /** @param nodes the nodes, never empty; an entry without an IP connects by host name */
        void apply(List<NodeEntry> nodes);
    }

    /** Finds the IP of a node listed without one. */
    @FunctionalInterface
    public interface Resolver {
        /** @return an IP literal for {@code host} */
        String ipOf(String host) throws UnknownHostException;
    }

    private final EndpointClient client;
    private final long intervalNanos;
    private final Resolver resolver;
    private final AtomicLong failedPolls = new AtomicLong();
    private final Map<String, String> lastIps = new HashMap<>();
    private volatile boolean closed;
    private volatile long appliedVersion = -1;
    private Thread thread;
    /** The nodes in use: as listed, and with the IPs found for those listed without one. */
    private List<NodeEntry> listed;

    private List<NodeEntry> applied;
    /** What is wrong now, as logged; null while the endpoint answers well. Poller thread only, after start. */
    private String problem;

    private long failedSinceProblem;

    /** A poller resolving host names with {@link InetAddress}. */
    public DiscoveryPoller(EndpointClient client, Duration interval) {
        this(client, interval, host -> InetAddress.getByName(host).getHostAddress());
    }

    /** A poller with its own resolver (tests). */
    public DiscoveryPoller(EndpointClient client, Duration interval, Resolver resolver) {
        this.client = Objects.requireNonNull(client, "client");
        this.intervalNanos = interval.toNanos();
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    /**
     * Fetches the first node list, on the calling thread.
     *
     * @throws io.memcached2.MemcachedException naming the endpoint when it cannot be reached or its answer is bad
     */
    public synchronized List<NodeEntry> first() {
        ClusterConfig config = client.fetch();
        listed = config.nodes();
        applied = resolve(listed);
        appliedVersion = config.version();
        LOG.info("auto discovery: configuration version {} from {}: {}", config.version(), client.endpoint(), applied);
        return applied;
    }

    /** Starts polling every interval; {@link #first()} must have succeeded. */
    public synchronized void start(Listener listener) {
        Objects.requireNonNull(listener, "listener");
        if (applied == null || thread != null) {
            throw new IllegalStateException("start() needs one successful first() and runs once");
        }
        thread = new Thread(() -> run(listener), "memcached2-discovery-" + client.endpoint());
        thread.setDaemon(true);
        thread.start();
    }

    /** @return the polls that failed or were refused since the start */
    public long failedPolls() {
        return failedPolls.get();
    }

    /** @return the configuration version of the node list in use */
    public long appliedVersion() {
        return appliedVersion;
    }

    private void run(Listener listener) {
        while (!closed) {
            try {
                TimeUnit.NANOSECONDS.sleep(intervalNanos);
            } catch (InterruptedException e) {
                return;
            }
            if (!closed) {
                poll(listener);
            }
        }
    }

    private void poll(Listener listener) {
        try {
            ClusterConfig config = client.fetch();
            if (config.version() < appliedVersion) {
                failed(
                        "older",
                        "auto discovery: configuration endpoint " + client.endpoint() + " sent configuration"
                                + " version " + config.version() + ", older than the version " + appliedVersion
                                + " in use; ignored");
                return;
            }
            boolean newer = config.version() > appliedVersion;
            // the same version is the same list; only a node listed without an IP may have moved meanwhile
            if (newer || config.nodes().equals(listed)) {
                List<NodeEntry> nodes = resolve(config.nodes());
                if (newer || !nodes.equals(applied)) {
                    listener.apply(nodes);
                    LOG.info(
                            "auto discovery: configuration version {} from {}: {}",
                            config.version(),
                            client.endpoint(),
                            nodes);
                    listed = config.nodes();
                    applied = nodes;
                    appliedVersion = config.version();
                }
            }
        } catch (RuntimeException e) {
            if (!closed) {
                failed(
                        e.getClass().getName(),
                        "auto discovery: configuration endpoint " + client.endpoint()
                                + " failed (" + e.getClass().getSimpleName() + ": " + e.getMessage() + "); keeping the "
                                + applied.size() + " servers of configuration version " + appliedVersion);
            }
            return;
        }
        if (problem != null) {
            LOG.info(
                    "auto discovery: configuration endpoint {} answers well again after {} failed polls",
                    client.endpoint(),
                    failedSinceProblem);
            problem = null;
            failedSinceProblem = 0;
        }
    }

    /** Counts a failed poll; logs only when what is wrong differs from the last poll's. */
    private void failed(String kind, String message) {
        failedPolls.incrementAndGet();
        failedSinceProblem++;
        if (!kind.equals(problem)) {
            LOG.warn(message);
            problem = kind;
        } else {
            LOG.debug(message);
        }
    }

    /** Fills in the IP of entries without one; when resolution fails the last IP found stays, if any. */
    private List<NodeEntry> resolve(List<NodeEntry> nodes) {
        List<NodeEntry> out = new ArrayList<>(nodes.size());
        for (NodeEntry n : nodes) {
            if (!n.ip().isEmpty()) {
                out.add(n);
                continue;
            }
            String ip;
            try {
                ip = resolver.ipOf(n.host());
                lastIps.put(n.host(), ip);
            } catch (UnknownHostException e) {
                ip = lastIps.getOrDefault(n.host(), "");
                LOG.debug("auto discovery: cannot resolve {} (listed without an IP); using '{}'", n.host(), ip);
            }
            out.add(new NodeEntry(n.host(), ip, n.port()));
        }
        return List.copyOf(out);
    }

    /** Stops polling: a fetch in progress is cut off, and the thread has ended when this returns (bounded). */
    @Override
    public void close() {
        closed = true;
        client.close();
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null && t != Thread.currentThread()) {
            t.interrupt();
            try {
                t.join(JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
