package io.memcached2.event;

import io.memcached2.Protocol;
import io.memcached2.ServerAddress;
import java.time.Duration;

/**
 * Told what the client does: requests, refusals, timeouts, connections and servers going down and up. Every
 * method has a no-op default, so a listener implements only what it needs and new events never break it. Register
 * with {@code MemcacheBuilder.listener(...)}; several listeners are called in the order registered. A client without
 * listeners creates no events.
 *
 * <p>Threads: {@link #requestStarted} runs on the caller's thread before anything is sent (so a tracer can read the
 * caller's context), {@link #requestEnded} on the thread that completes the call for its caller (the caller's own
 * for the blocking client, the callback executor for the asynchronous one), before the caller sees the result. The
 * other events arise on the client's I/O threads: they are handed to the callback executor, unless the listener
 * declares itself {@link #cheap()}, in which case they run on the I/O thread at once.
 *
 * <p>A listener that throws is logged once (per listener and event) and never breaks a request.
 *
 * <p>Command names: the call events ({@link #requestStarted}, {@link #requestEnded}, and {@link #requestRefused}
 * for a call refused before the wire) name the call as {@link RequestStart} lists. The events of one request on
 * the wire ({@link #requestTimedOut}, {@link #lateReply}, and {@link #requestRefused} for an overload, told by the
 * transport with the server) name that request's memcached command, one of {@code get}, {@code gets}, {@code
 * gat}, {@code gats}, {@code touch}, {@code set}, {@code add}, {@code replace}, {@code append}, {@code prepend},
 * {@code cas}, {@code delete}, {@code incr}, {@code decr}, {@code flush_all}, {@code stats}, {@code version} and
 * {@code noop} (a keep-alive ping); so the requests of {@code cache} are {@code get} or {@code gets}, {@code set}
 * and {@code delete}, and that of {@code invalidate} is {@code delete}.
 */
public interface MemcacheListener {
    /**
     * @return whether every method of this listener is quick and never blocks, so the I/O-thread events may run on
     *     the I/O thread itself instead of being handed over (default false)
     */
    default boolean cheap() {
        return false;
    }

    /**
     * A caller made a request.
     *
     * @param start the command, its keys and where it goes
     * @return anything this listener wants back in {@link #requestEnded} for the same request (a span, a start
     *     sample), or null
     */
    default Object requestStarted(RequestStart start) {
        return null;
    }

    /**
     * A request ended.
     *
     * @param state what {@link #requestStarted} returned for it
     * @param end how it ended, when, and the bytes it moved
     */
    default void requestEnded(RequestEnd end, Object state) {}

    /**
     * A request was refused before anything was sent: a bad key or argument, no available server or the server
     * down, too many requests in flight (see {@link io.memcached2.Overloaded}). A call counts as refused when none
     * of its requests reached the wire, whether it has one request or several; a timeout is never a refusal. It
     * still ends with {@link #requestEnded}, with no servers.
     *
     * @param server where it would have gone, or null if it was refused before a server was chosen
     * @param command the command's name (see the class comment)
     * @param reason the exception the caller is given
     */
    default void requestRefused(String command, ServerAddress server, Throwable reason) {}

    /**
     * A request had no reply within the operation timeout; {@link #lateReply} follows if the reply comes later.
     *
     * @param command the command's name
     * @param server where it was sent
     * @param timeout the operation timeout it exceeded
     */
    default void requestTimedOut(String command, ServerAddress server, Duration timeout) {}

    /**
     * The reply of a request that had timed out arrived, this long after its deadline, and was dropped.
     *
     * @param command the command's name
     * @param server the server that replied
     * @param late how long after the deadline the reply came
     */
    default void lateReply(String command, ServerAddress server, Duration late) {}

    /**
     * A connection to the server was established (before the hello; not yet usable).
     *
     * @param server the server connected to
     */
    default void connectionOpened(ServerAddress server) {}

    /**
     * A connection answered its hello and carries requests, speaking this protocol.
     *
     * @param server the server connected to
     * @param protocol the protocol the connection speaks
     */
    default void connectionReady(ServerAddress server, Protocol protocol) {}

    /**
     * A connection ended, or an attempt to make one failed.
     *
     * @param cause why, or null for a close asked for by the client
     * @param server the server of the connection
     */
    default void connectionClosed(ServerAddress server, Throwable cause) {}

    /**
     * How many connections to the server are ready (carry requests) now; told after each {@link #connectionReady}
     * and after each {@link #connectionClosed} of a ready connection, for a gauge that needs no bookkeeping of
     * failed attempts.
     *
     * @param server the server
     * @param count its ready connections
     */
    default void connectionsReady(ServerAddress server, int count) {}

    /**
     * The next connection attempt to the server is due after this delay.
     *
     * @param server the server to connect to
     * @param delay the wait the reconnector chose
     */
    default void reconnectScheduled(ServerAddress server, Duration delay) {}

    /**
     * The server was marked down: new requests for its keys go elsewhere or fail, as the selector says.
     *
     * @param server the server marked down
     * @param cause the failure that marked it down
     */
    default void serverDown(ServerAddress server, Throwable cause) {}

    /**
     * The server answered again after being marked down.
     *
     * @param server the server that answered
     */
    default void serverUp(ServerAddress server) {}
}
