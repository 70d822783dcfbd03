package io.memcached2.testkit;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on a free loopback port in front of an upstream server, with network faults switchable while
 * connections are open. Each fault applies to data that flows after it is set.
 *
 * <pre>{@code
 * try (MemcachedServer server = MemcachedServer.start(); FaultProxy proxy = FaultProxy.to(server)) {
 *     proxy.latency(Duration.ofMillis(50));
 *     ... connect to proxy.host(), proxy.port() ...
 * }
 * }</pre>
 */
public final class FaultProxy implements AutoCloseable {

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final String upstreamHost;
    private final int upstreamPort;
    private final ServerSocket listener;
    private final Thread acceptor;
    private final Set<ProxyConnection> open = ConcurrentHashMap.newKeySet();
    private final Set<ProxyConnection> unfinished = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger lost = new AtomicInteger();
    private final Gate gate = new Gate();
    private final AtomicLong corruptRemaining = new AtomicLong();
    private final AtomicLong truncateRemaining = new AtomicLong(-1);
    private volatile Duration latency = Duration.ZERO;
    private volatile int dripBytesPerMillisecond;
    private volatile boolean refuse;
    private volatile boolean blackHole;
    private volatile boolean closed;

    private FaultProxy(String upstreamHost, int upstreamPort) {
        this.upstreamHost = Objects.requireNonNull(upstreamHost, "upstreamHost");
        this.upstreamPort = upstreamPort;
        this.listener = Sockets.listen();
        this.acceptor = new Thread(this::acceptConnections, "faultproxy-accept-" + listener.getLocalPort());
        acceptor.setDaemon(true);
    }

    /**
     * Starts a proxy without faults in front of {@code upstreamHost:upstreamPort}.
     *
     * @param upstreamHost the server's host
     * @param upstreamPort the server's port
     * @return the started proxy; close it when done
     */
    public static FaultProxy start(String upstreamHost, int upstreamPort) {
        FaultProxy proxy = new FaultProxy(upstreamHost, upstreamPort);
        proxy.acceptor.start();
        return proxy;
    }

    /**
     * Starts a proxy without faults in front of a TCP {@link MemcachedServer}.
     *
     * @param server a running TCP server
     * @return the started proxy; close it when done
     */
    public static FaultProxy to(MemcachedServer server) {
        if (server.socketPath() != null) {
            throw new IllegalArgumentException("cannot proxy a UNIX socket server: " + server);
        }
        return start(server.host(), server.port());
    }

    /** @return "127.0.0.1" */
    public String host() {
        return Sockets.LOOPBACK;
    }

    /** @return the port the proxy listens on */
    public int port() {
        return listener.getLocalPort();
    }

    /** @return {@code memcached://127.0.0.1:PORT/} for the proxy's own port */
    public String uri() {
        return "memcached://" + host() + ":" + port() + "/";
    }

    /**
     * Delays server-to-client data by {@code delay} from the moment it reaches the proxy; order is kept.
     *
     * @param delay the added delay, not negative; zero turns it off
     */
    public void latency(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative: " + delay);
        }
        this.latency = delay;
    }

    /**
     * Delivers server-to-client data at most {@code bytesPerMillisecond} bytes each millisecond; 0 turns it off.
     *
     * @param bytesPerMillisecond the rate, not negative
     */
    public void slowDrip(int bytesPerMillisecond) {
        if (bytesPerMillisecond < 0) {
            throw new IllegalArgumentException("bytesPerMillisecond must not be negative: " + bytesPerMillisecond);
        }
        this.dripBytesPerMillisecond = bytesPerMillisecond;
    }

    /**
     * While true nothing is forwarded in either direction; what arrived meanwhile flows when set back to false.
     *
     * @param stalled whether to stop forwarding
     */
    public void stall(boolean stalled) {
        if (stalled) {
            gate.close();
        } else {
            gate.open();
        }
    }

    /** Resets (RST) both sides of every connection open now (not one a client opens meanwhile in answer). */
    public void resetConnections() {
        List.copyOf(open).forEach(ProxyConnection::reset);
    }

    /**
     * While true, new connections are closed as soon as they are accepted.
     *
     * @param refuse whether to close new connections at once
     */
    public void refuseConnections(boolean refuse) {
        this.refuse = refuse;
    }

    /**
     * While true, new connections are accepted and read but never forwarded nor answered.
     *
     * @param blackHole whether new connections are swallowed
     */
    public void blackHole(boolean blackHole) {
        this.blackHole = blackHole;
    }

    /**
     * Inverts every bit of the next {@code bytes} server-to-client bytes, whichever connections carry them.
     *
     * @param bytes how many bytes to corrupt, not negative
     */
    public void corruptNext(int bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must not be negative: " + bytes);
        }
        corruptRemaining.set(bytes);
    }

    /**
     * Forwards only the next {@code bytes} server-to-client bytes, then closes the connection that carried the last.
     *
     * @param bytes how many bytes to forward before closing, not negative
     */
    public void truncateNext(int bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must not be negative: " + bytes);
        }
        truncateRemaining.set(bytes);
    }

    /** Turns every fault off; stalled data flows again. */
    public void clearFaults() {
        latency = Duration.ZERO;
        dripBytesPerMillisecond = 0;
        refuse = false;
        blackHole = false;
        corruptRemaining.set(0);
        truncateRemaining.set(-1);
        gate.open();
    }

    /** @return how many connections have been accepted so far, refused ones included */
    public int connectionCount() {
        return accepted.get();
    }

    /**
     * Returns how many connections that had carried a server reply to the client have ended since the proxy
     * started, whoever ended them (a fault, the server, or the client), except by closing the proxy: the lost
     * connections a client had to replace. Refused and black-holed connections never carried a reply.
     *
     * @return the number of lost connections
     */
    public int lostConnections() {
        return lost.get();
    }

    /** @return how many client connections are open now */
    public int openConnections() {
        return open.size();
    }

    /** Stops listening, closes every connection and waits for the proxy's threads to end. */
    @Override
    public void close() {
        closed = true;
        Sockets.closeQuietly(listener);
        Deadline deadline = Deadline.after(CLOSE_TIMEOUT);
        Sockets.join(acceptor, deadline);
        open.forEach(ProxyConnection::close);
        unfinished.forEach(connection -> connection.threads().forEach(thread -> Sockets.join(thread, deadline)));
    }

    String upstreamHost() {
        return upstreamHost;
    }

    int upstreamPort() {
        return upstreamPort;
    }

    Gate gate() {
        return gate;
    }

    Duration latency() {
        return latency;
    }

    int dripBytesPerMillisecond() {
        return dripBytesPerMillisecond;
    }

    /** Inverts the bits of as many leading bytes of {@code data} as the corruption budget still covers. */
    void corrupt(byte[] data) {
        long left;
        int take;
        do {
            left = corruptRemaining.get();
            if (left <= 0) {
                return;
            }
            take = (int) Math.min(left, data.length);
        } while (!corruptRemaining.compareAndSet(left, left - take));
        for (int i = 0; i < take; i++) {
            data[i] ^= (byte) 0xff;
        }
    }

    /** How many of {@code length} bytes to forward before closing, or -1 to forward them all and stay open. */
    int truncate(int length) {
        long left;
        int keep;
        do {
            left = truncateRemaining.get();
            if (left < 0) {
                return -1;
            }
            keep = (int) Math.min(left, length);
        } while (!truncateRemaining.compareAndSet(left, left - keep == 0 ? -1 : left - keep));
        return left - keep == 0 ? keep : -1;
    }

    void closed(ProxyConnection connection, boolean answered) {
        open.remove(connection);
        if (answered && !closed) {
            lost.incrementAndGet();
        }
    }

    private void acceptConnections() {
        while (!closed) {
            Socket socket;
            try {
                socket = listener.accept();
                socket.setTcpNoDelay(true);
            } catch (IOException e) {
                return;
            }
            int number = accepted.incrementAndGet();
            if (refuse || closed) {
                Sockets.closeQuietly(socket);
                continue;
            }
            ProxyConnection connection = new ProxyConnection(this, socket, port() + "-" + number);
            unfinished.removeIf(ProxyConnection::isFinished);
            unfinished.add(connection);
            open.add(connection);
            if (blackHole) {
                connection.swallow();
            } else {
                connection.forward();
            }
        }
    }
}
