package io.memcached2.internal.transport;

import io.memcached2.AuthenticationFailed;
import io.memcached2.ConnectTimeout;
import io.memcached2.Overloaded;
import io.memcached2.Protocol;
import io.memcached2.ServerAddress;
import io.memcached2.ServerDisconnect;
import io.memcached2.internal.events.RequestEvent;
import io.memcached2.internal.events.TransportEvents;
import io.memcached2.internal.protocol.Dialect;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One server: its connections, its availability, and their reconnection. A lost connection (closed or reset by the
 * peer, a bad reply, a stuck request) is replaced at once, and what was queued on it and never written moves to the
 * new one. Only a connection attempt that fails before the server answers counts for the
 * {@link io.memcached2.routing.Reconnector}; the node is down, and requests for it fail at once, while every one of
 * its connections is waiting for its next attempt. All state changes run on the node's event loop.
 */
public final class Node implements Connection.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(Node.class);
    /** A connection lost sooner than this after it was made, without answering a request, was hardly up. */
    private static final long SHORT_LIVED_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    /** Consecutive short-lived connections replaced at once before the reconnect policy takes over. */
    private static final int SHORT_LIVED_FREE = 3;

    private static final Duration FALLBACK_DELAY = Duration.ofSeconds(1);
    private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(256 * 1024, 1024 * 1024);

    private enum State {
        OPEN,
        RETIRED,
        CLOSED
    }

    /** One connection's place: the current connection and its attempt count. */
    private final class Slot {
        volatile Connection current;
        volatile boolean waiting;
        int failures;
        int shortLived;
        ScheduledFuture<?> reconnect;
    }

    private final ServerAddress address;
    private final Settings settings;
    private final IoResources io;
    private final EventLoop loop;
    private final NodeListener listener;
    private final String name;
    private final Slot[] slots;
    private final TransportEvents events;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private volatile State state = State.OPEN;
    private volatile boolean down;
    private volatile Throwable lastError;
    private volatile long nextAttemptNanos;
    private volatile Boolean meta;
    private boolean warnedAuthSkipped;

    /** Creates the node and starts connecting. */
    public Node(ServerAddress address, Settings settings, IoResources io, NodeListener listener) {
        this.address = address;
        this.settings = settings;
        this.io = io;
        this.loop = io.nextLoop();
        this.listener = listener;
        this.name = address.hostAndPort();
        this.events = TransportEvents.of(
                settings.events(),
                address,
                settings.operationTimeoutNanos,
                new Deliveries(settings.callbackExecutor)::add);
        this.slots = new Slot[settings.connectionsPerServer];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = new Slot();
            connect(slots[i]);
        }
    }

    /** @return the configured address */
    public ServerAddress address() {
        return address;
    }

    /** @return whether requests may be sent here (not down) */
    public boolean isAvailable() {
        return !down;
    }

    /** @return whether the server speaks meta: as last found out, or as configured before that */
    public boolean speaksMeta() {
        Boolean m = meta;
        return m != null ? m : settings.protocol == Protocol.META || settings.protocol == Protocol.AUTO;
    }

    /**
     * @return whether incr/decr can create a missing item in one command (meta and binary): as last found out, or
     *     as configured before that
     */
    public boolean createsOnArithmetic() {
        Boolean m = meta;
        return settings.protocol == Protocol.BINARY || (m != null ? m : settings.protocol != Protocol.TEXT);
    }

    /** @return requests accepted and not yet completed, over all connections */
    public int inFlight() {
        int n = 0;
        for (Slot s : slots) {
            n += s.current.load();
        }
        return n;
    }

    @Override
    public boolean atInFlightCap() {
        return inFlight() >= settings.maxInFlight;
    }

    /** Sends a request from a caller's thread; see {@link #submit(Request, Deliveries)}. */
    public void submit(Request r) {
        submit(r, null);
    }

    /**
     * Sends a request over the least loaded connection, or fails it at once: with {@link ServerDisconnect} while
     * the node is down, with {@link Overloaded} past the in-flight or queued-bytes cap.
     *
     * @param deliveries where a failure completes; null on a caller's thread, required on an I/O thread
     */
    public void submit(Request r, Deliveries deliveries) {
        r.server = name;
        State s = state;
        if (s != State.OPEN) {
            refuse(r, s, deliveries);
            return;
        }
        if (down) {
            r.fail(downError(r), deliveries);
            return;
        }
        Connection c = pick();
        if (c == null) {
            r.fail(downError(r), deliveries);
            return;
        }
        if (!r.deadlineSet) {
            int inFlight = slots.length == 1 ? c.load() : inFlight();
            if (inFlight >= settings.maxInFlight) {
                refuse(
                        r,
                        new Overloaded("server " + name + ": " + settings.maxInFlight + " requests already in"
                                + " flight; " + r.describe() + " refused"),
                        deliveries);
                return;
            }
            if (r.payload() != null && c.queuedBytes() + r.payload().length > settings.maxQueuedBytes) {
                refuse(
                        r,
                        new Overloaded("server " + name + ": " + c.queuedBytes() + " bytes already waiting to be"
                                + " written (limit " + settings.maxQueuedBytes + "); " + r.describe() + " refused"),
                        deliveries);
                return;
            }
        }
        if (r.recorded == null) {
            r.recorded = RequestEvent.start();
        }
        c.enqueue(r);
    }

    private void refuse(Request r, Overloaded overloaded, Deliveries deliveries) {
        events.refused(r.op(), overloaded);
        r.fail(overloaded, deliveries);
    }

    private void refuse(Request r, State s, Deliveries deliveries) {
        if (s == State.RETIRED) {
            listener.reroute(r, deliveries);
        } else {
            r.fail(
                    new ServerDisconnect("client is closed; " + r.describe() + " not sent to server " + name),
                    deliveries);
        }
    }

    /** @return the connection with the fewest requests among those not waiting for a reconnect, or null */
    private Connection pick() {
        if (slots.length == 1) {
            Slot s = slots[0];
            return s.waiting ? null : s.current;
        }
        Connection best = null;
        int least = Integer.MAX_VALUE;
        for (Slot s : slots) {
            if (!s.waiting) {
                Connection c = s.current;
                int load = c.load();
                if (load < least) {
                    least = load;
                    best = c;
                }
            }
        }
        return best;
    }

    private ServerDisconnect downError(Request r) {
        long wait = Math.max(0, TimeUnit.NANOSECONDS.toMillis(nextAttemptNanos - System.nanoTime()));
        Throwable last = lastError;
        String message = "server " + name + " is down (" + (last != null ? last.getMessage() : "unknown")
                + "); next connection attempt in " + wait + " ms; " + r.describe() + " not sent";
        // callers must be able to tell refused credentials from an outage, and not retry them
        return last instanceof AuthenticationFailed ? new AuthenticationFailed(message) : new ServerDisconnect(message);
    }

    /** Starts a new connection in the slot and makes it current before anything can report on it. */
    private void connect(Slot slot) {
        Connection c = new Connection(this, settings, name, loop, meta, events);
        slot.current = c;
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channelFactory(io.channelFactory(address))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)
                        Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(settings.connectTimeoutNanos)))
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (address.transport() == ServerAddress.Transport.TCP
                                || address.transport() == ServerAddress.Transport.TLS) {
                            ch.config().setOption(ChannelOption.TCP_NODELAY, true);
                            ch.config().setOption(ChannelOption.SO_KEEPALIVE, true);
                        }
                        ch.pipeline().addLast(c);
                        if (address.transport() == ServerAddress.Transport.TLS) {
                            addTls(ch, c);
                        }
                    }
                });
        // Connects even if the client was closed meanwhile: requests may already wait here, and a graceful close
        // lets them go out; a reconnect is never started once the node is shut down.
        Runnable start = () -> {
            bootstrap.connect(io.remote(address)).addListener(f -> {
                if (!f.isSuccess()) {
                    c.close(new ServerDisconnect(
                            "cannot connect to server " + name + ": "
                                    + f.cause().getMessage(),
                            f.cause()));
                }
            });
            loop.schedule(
                    () -> {
                        if (!c.isClosed() && !c.isReady()) {
                            c.close(new ConnectTimeout("server " + name + ": connection not ready within "
                                    + TimeUnit.NANOSECONDS.toMillis(settings.connectTimeoutNanos)
                                    + " ms (connect timeout)"));
                        }
                    },
                    settings.connectTimeoutNanos,
                    TimeUnit.NANOSECONDS);
        };
        if (loop.inEventLoop()) {
            start.run();
        } else {
            loop.execute(start);
        }
    }

    /**
     * Puts the TLS handler in front of the connection. Certificate files changed on disk since the last connection
     * are read now; if they no longer make a valid configuration the connection fails saying so, rather than
     * waiting for the connect timeout.
     */
    private void addTls(Channel ch, Connection c) {
        try {
            ch.pipeline().addFirst(settings.tls.newHandler(ch.alloc(), address.host(), address.port()));
        } catch (RuntimeException e) {
            c.close(new ServerDisconnect("server " + name + ": " + e.getMessage(), e));
        }
    }

    private Slot slotOf(Connection c) {
        for (Slot s : slots) {
            if (s.current == c) {
                return s;
            }
        }
        return null;
    }

    @Override
    public void onReady(Connection c, Dialect dialect, boolean authSkipped) {
        Slot slot = slotOf(c);
        if (slot == null) {
            return;
        }
        meta = dialect.isMeta();
        slot.failures = 0;
        if (authSkipped && !warnedAuthSkipped) {
            warnedAuthSkipped = true;
            LOG.warn(
                    "memcached server {} does not require authentication; the configured credentials were not sent",
                    name);
        }
        if (down) {
            lastError = null;
            down = false;
            events.up();
            listener.stateChanged(this, true, null);
        }
    }

    @Override
    public void onClosed(Connection c, Throwable cause, Connection.Closure closure) {
        Slot slot = slotOf(c);
        if (slot == null) {
            return;
        }
        if (state != State.OPEN) {
            if (allClosed()) {
                closed.complete(null);
            }
            return;
        }
        switch (closure) {
            case TEXT_ONLY:
                meta = false;
                LOG.info(
                        "memcached server {}: {}; speaking the text protocol to it from now on",
                        name,
                        cause.getMessage());
                events.reconnect(0);
                connect(slot);
                break;
            case LOST:
                boolean shortLived = !c.answeredRequests() && System.nanoTime() - c.createdNanos() < SHORT_LIVED_NANOS;
                slot.shortLived = shortLived ? slot.shortLived + 1 : 0;
                if (slot.shortLived <= SHORT_LIVED_FREE) {
                    LOG.debug("connection to {} lost ({}); reconnecting at once", name, cause.getMessage());
                    events.reconnect(0);
                    connect(slot);
                    break;
                }
                // A server that answers the handshake and then drops every connection is not up: back off.
                attemptFailed(slot, cause);
                break;
            default:
                attemptFailed(slot, cause);
        }
    }

    private void attemptFailed(Slot slot, Throwable cause) {
        slot.failures++;
        slot.waiting = true;
        lastError = cause;
        long nanos = delayNanos(slot.failures);
        nextAttemptNanos = System.nanoTime() + nanos;
        events.reconnect(nanos);
        slot.reconnect = loop.schedule(
                () -> {
                    if (state == State.OPEN) {
                        slot.waiting = false;
                        connect(slot);
                    }
                },
                nanos,
                TimeUnit.NANOSECONDS);
        if (!down && allWaiting()) {
            down = true;
            events.down(cause);
            listener.stateChanged(this, false, cause);
        }
    }

    /** The policy's delay; a policy that throws or answers nonsense is reported and replaced by a fixed delay. */
    private long delayNanos(int failures) {
        Duration delay;
        try {
            delay = settings.reconnector.delay(failures);
        } catch (RuntimeException e) {
            LOG.error(
                    "reconnect policy {} failed for server {} after {} failures; retrying in {} ms",
                    settings.reconnector,
                    name,
                    failures,
                    FALLBACK_DELAY.toMillis(),
                    e);
            return FALLBACK_DELAY.toNanos();
        }
        if (delay == null || delay.isNegative() || delay.compareTo(Duration.ofDays(1)) > 0) {
            LOG.error(
                    "reconnect policy {} answered {} for server {} after {} failures (not a delay between 0 and a"
                            + " day); retrying in {} ms",
                    settings.reconnector,
                    delay,
                    name,
                    failures,
                    FALLBACK_DELAY.toMillis());
            return FALLBACK_DELAY.toNanos();
        }
        return delay.toNanos();
    }

    private boolean allWaiting() {
        for (Slot s : slots) {
            if (!s.waiting) {
                return false;
            }
        }
        return true;
    }

    private boolean allClosed() {
        for (Slot s : slots) {
            if (!s.current.isClosed()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void requeue(Request r, Throwable cause, Deliveries connectionDeliveries) {
        State s = state;
        if (s == State.RETIRED) {
            listener.reroute(r, connectionDeliveries);
        } else if (s == State.CLOSED || down || pick() == null) {
            // No connection can take it: it fails with what ended its connection (a connect timeout stays one).
            r.failShared(cause, connectionDeliveries);
        } else {
            submit(r, connectionDeliveries);
        }
    }

    /**
     * Stops taking requests and closes every connection once what it was given has its reply, or at the
     * deadline. A retired node (removed from the server list) hands new and queued requests back to be placed
     * again; a closed one refuses them.
     *
     * @return completes when every connection has closed
     */
    public CompletableFuture<Void> shutdown(long deadlineNanos, boolean retire) {
        state = retire ? State.RETIRED : State.CLOSED;
        execute(() -> {
            for (Slot s : slots) {
                if (s.reconnect != null) {
                    s.reconnect.cancel(false);
                }
                s.current.closeGracefully(deadlineNanos);
            }
            if (allClosed()) {
                closed.complete(null);
            }
        });
        return closed;
    }

    private void execute(Runnable task) {
        try {
            loop.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            closed.complete(null);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
