package io.memcached2.internal.transport;

import io.memcached2.AuthenticationFailed;
import io.memcached2.ConnectTimeout;
import io.memcached2.Protocol;
import io.memcached2.ServerAddress;
import io.memcached2.ServerDisconnect;
import io.memcached2.internal.protocol.Dialect;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One server: its connection, its availability, and its reconnection schedule. A node is available until a
 * connection to it fails; it is then down, and requests for it fail at once, until a reconnect attempt that the
 * {@link io.memcached2.routing.Reconnector} schedules succeeds. All state changes run on the node's event loop.
 */
public final class Node implements Connection.Listener {
    private final ServerAddress address;
    private final Settings settings;
    private final IoResources io;
    private final EventLoop loop;
    private final NodeListener listener;
    private final String name;
    private volatile Connection connection;
    private volatile boolean down;
    private volatile Throwable lastError;
    private volatile long nextAttemptNanos;
    private volatile boolean shutdown;
    private volatile Boolean meta;
    private int failures;
    private ScheduledFuture<?> reconnect;

    /** Creates the node and starts connecting. */
    public Node(ServerAddress address, Settings settings, IoResources io, NodeListener listener) {
        this.address = address;
        this.settings = settings;
        this.io = io;
        this.loop = io.nextLoop();
        this.listener = listener;
        this.name = address.hostAndPort();
        connect();
    }

    /** @return the configured address */
    public ServerAddress address() {
        return address;
    }

    /** @return whether requests may be sent here (not down) */
    public boolean isAvailable() {
        return !down;
    }

    /** @return whether the server speaks meta: as last probed, or as configured before the first connection */
    public boolean speaksMeta() {
        Boolean m = meta;
        return m != null ? m : settings.protocol != Protocol.TEXT;
    }

    /** @return requests in flight on the current connection */
    public int inFlight() {
        return connection.inFlight();
    }

    /**
     * Sends a request, or fails it at once with {@link ServerDisconnect} while the node is down.
     */
    public void submit(Request r) {
        r.server = name;
        Connection c = connection;
        if (down || shutdown) {
            r.fail(downError(r), null);
            return;
        }
        c.submit(r);
    }

    private ServerDisconnect downError(Request r) {
        if (shutdown) {
            return new ServerDisconnect("client is closed; " + r.describe() + " not sent to server " + name);
        }
        long wait = Math.max(0, TimeUnit.NANOSECONDS.toMillis(nextAttemptNanos - System.nanoTime()));
        Throwable last = lastError;
        String message = "server " + name + " is down (" + (last != null ? last.getMessage() : "unknown")
                + "); next connection attempt in " + wait + " ms; " + r.describe() + " not sent";
        // callers must be able to tell refused credentials from an outage, and not retry them
        return last instanceof AuthenticationFailed ? new AuthenticationFailed(message) : new ServerDisconnect(message);
    }

    /** Starts a new connection and makes it current before anything can report on it. */
    private void connect() {
        Connection c = new Connection(this, settings, name, loop);
        connection = c;
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channelFactory(io.channelFactory(address))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS,
                        (int) Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(settings.connectTimeoutNanos)))
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
        loop.execute(() -> {
            if (shutdown) {
                c.close(new ServerDisconnect("client is closed"));
                return;
            }
            bootstrap.connect(io.remote(address)).addListener(f -> {
                if (!f.isSuccess()) {
                    c.close(new ServerDisconnect("cannot connect to server " + name + ": " + f.cause().getMessage(),
                            f.cause()));
                }
            });
            loop.schedule(() -> {
                if (!c.isClosed() && !c.isReady()) {
                    c.close(new ConnectTimeout("server " + name + ": connection not ready within "
                            + TimeUnit.NANOSECONDS.toMillis(settings.connectTimeoutNanos) + " ms (connect timeout)"));
                }
            }, settings.connectTimeoutNanos, TimeUnit.NANOSECONDS);
        });
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

    @Override
    public void onReady(Connection c, Dialect dialect) {
        meta = dialect.isMeta();
        failures = 0;
        lastError = null;
        boolean wasDown = down;
        down = false;
        if (wasDown) {
            listener.stateChanged(this, true, null);
        }
    }

    @Override
    public void onClosed(Connection c, Throwable cause, boolean wasReady) {
        if (shutdown || connection != c) {
            return;
        }
        failures++;
        lastError = cause;
        boolean wasDown = down;
        down = true;
        if (!wasDown) {
            listener.stateChanged(this, false, cause);
        }
        Duration delay = settings.reconnector.delay(failures);
        long nanos = Math.max(0, delay.toNanos());
        nextAttemptNanos = System.nanoTime() + nanos;
        reconnect = loop.schedule(() -> {
            if (!shutdown) {
                connect();
            }
        }, nanos, TimeUnit.NANOSECONDS);
    }

    /** Closes the connection and stops reconnecting; requests still queued fail. */
    public void shutdown() {
        shutdown = true;
        loop.execute(() -> {
            if (reconnect != null) {
                reconnect.cancel(false);
            }
        });
        connection.close(new ServerDisconnect("client is closed"));
    }

    @Override
    public String toString() {
        return name;
    }
}
