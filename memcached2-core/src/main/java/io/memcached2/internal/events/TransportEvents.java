package io.memcached2.internal.events;

import io.memcached2.Protocol;
import io.memcached2.ServerAddress;
import io.memcached2.event.MemcacheListener;
import io.memcached2.internal.protocol.Op;
import io.memcached2.internal.transport.IoResources;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The events of one server's connections, told to the client's listeners and to JFR. Each method is one call from
 * the transport; with no listener it only asks JFR (for the rare connection events) and builds nothing else. On an
 * I/O thread, a listener that is not {@link MemcacheListener#cheap() cheap} is called from the callback executor,
 * in the order the events arose; elsewhere (a caller's thread refusing a request) it is called at once.
 */
public final class TransportEvents {
    private static final String[] COMMANDS = commandNames();

    private final Events events;
    private final MemcacheListener[] listeners;
    private final boolean[] cheap;
    private final boolean active;
    private final ServerAddress server;
    private final String name;
    private final long timeoutNanos;
    private final Executor handOff;
    /** Ready connections of the server; touched only on the server's event loop. */
    private int readyConnections;

    private TransportEvents(Events events, ServerAddress server, long timeoutNanos, Executor callbacks) {
        this.events = events;
        this.listeners = events.listeners();
        this.active = events.active();
        this.server = server;
        this.name = server.hostAndPort();
        this.timeoutNanos = timeoutNanos;
        this.cheap = new boolean[listeners.length];
        boolean anySlow = false;
        for (int i = 0; i < listeners.length; i++) {
            cheap[i] = cheapOf(listeners[i]);
            anySlow |= !cheap[i];
        }
        this.handOff = anySlow ? new SerialExecutor(callbacks) : null;
    }

    /**
     * @param timeoutNanos the operation timeout, reported with each timeout
     * @param callbacks where events for listeners that are not cheap run; must not run a task on the calling thread
     */
    public static TransportEvents of(Events events, ServerAddress server, long timeoutNanos, Executor callbacks) {
        return new TransportEvents(events, server, timeoutNanos, callbacks);
    }

    /** @return the command as listeners see it ({@code get}, {@code gets}, {@code set}, ...) */
    public static String command(Op op) {
        return COMMANDS[op.ordinal()];
    }

    private static String[] commandNames() {
        Op[] ops = Op.values();
        String[] names = new String[ops.length];
        for (Op op : ops) {
            names[op.ordinal()] = op == Op.GET_MULTI
                    ? "get"
                    : op == Op.GETS_MULTI
                            ? "gets"
                            : op == Op.FLUSH_ALL ? "flush_all" : op.name().toLowerCase(Locale.ROOT);
        }
        return names;
    }

    /** A connection was established, before its hello. */
    public void opened() {
        ConnectionOpenedEvent jfr = new ConnectionOpenedEvent();
        if (jfr.shouldCommit()) {
            jfr.server = name;
            jfr.commit();
        }
        if (active) {
            tell("connectionOpened", l -> l.connectionOpened(server));
        }
    }

    /** A connection answered its hello, speaking the named dialect ({@code meta}, {@code text}, {@code binary}). */
    public void ready(String dialect) {
        readyConnections++;
        if (active) {
            Protocol protocol = Protocol.valueOf(dialect.toUpperCase(Locale.ROOT));
            int count = readyConnections;
            tell("connectionReady", l -> l.connectionReady(server, protocol));
            tell("connectionsReady", l -> l.connectionsReady(server, count));
        }
    }

    /**
     * A connection closed or an attempt failed; {@code cause} is null for a close the client asked for.
     *
     * @param wasReady whether the connection had been {@link #ready}
     */
    public void closed(Throwable cause, boolean wasReady) {
        ConnectionClosedEvent jfr = new ConnectionClosedEvent();
        if (jfr.shouldCommit()) {
            jfr.server = name;
            jfr.cause = describe(cause);
            jfr.commit();
        }
        if (wasReady) {
            readyConnections--;
        }
        if (active) {
            tell("connectionClosed", l -> l.connectionClosed(server, cause));
            if (wasReady) {
                int count = readyConnections;
                tell("connectionsReady", l -> l.connectionsReady(server, count));
            }
        }
    }

    /** The next attempt to connect is due in this many nanoseconds (0: at once). */
    public void reconnect(long delayNanos) {
        if (active) {
            Duration delay = Duration.ofNanos(delayNanos);
            tell("reconnectScheduled", l -> l.reconnectScheduled(server, delay));
        }
    }

    /** The server was marked down. */
    public void down(Throwable cause) {
        ServerDownEvent jfr = new ServerDownEvent();
        if (jfr.shouldCommit()) {
            jfr.server = name;
            jfr.cause = describe(cause);
            jfr.commit();
        }
        if (active) {
            tell("serverDown", l -> l.serverDown(server, cause));
        }
    }

    /** The server is up again after being down. */
    public void up() {
        ServerUpEvent jfr = new ServerUpEvent();
        if (jfr.shouldCommit()) {
            jfr.server = name;
            jfr.commit();
        }
        if (active) {
            tell("serverUp", l -> l.serverUp(server));
        }
    }

    /** A request was refused before the wire (too many in flight, too many bytes queued). */
    public void refused(Op op, Throwable reason) {
        if (active) {
            String command = command(op);
            tell("requestRefused", l -> l.requestRefused(command, server, reason));
        }
    }

    /** A request had no reply within the operation timeout. */
    public void timedOut(Op op) {
        if (active) {
            String command = command(op);
            Duration timeout = Duration.ofNanos(timeoutNanos);
            tell("requestTimedOut", l -> l.requestTimedOut(command, server, timeout));
        }
    }

    /** The reply of a timed-out request arrived now and was dropped; {@code deadlineNanos} was its deadline. */
    public void lateReply(Op op, long deadlineNanos) {
        if (active) {
            String command = command(op);
            Duration late = Duration.ofNanos(Math.max(0, System.nanoTime() - deadlineNanos));
            tell("lateReply", l -> l.lateReply(command, server, late));
        }
    }

    private void tell(String event, Consumer<MemcacheListener> call) {
        boolean onIo = IoResources.onIoThread();
        for (int i = 0; i < listeners.length; i++) {
            MemcacheListener l = listeners[i];
            if (cheap[i] || !onIo) {
                run(l, event, call);
            } else {
                handOff.execute(() -> run(l, event, call));
            }
        }
    }

    private void run(MemcacheListener l, String event, Consumer<MemcacheListener> call) {
        try {
            call.accept(l);
        } catch (RuntimeException | LinkageError e) {
            events.failed(l, event, e);
        }
    }

    private boolean cheapOf(MemcacheListener l) {
        try {
            return l.cheap();
        } catch (RuntimeException | LinkageError e) {
            events.failed(l, "cheap", e);
            return false;
        }
    }

    private static String describe(Throwable cause) {
        return cause == null ? "closed by the client" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
