package io.memcached2.internal.commands;

import io.memcached2.NoAvailableServers;
import io.memcached2.OperationTimeout;
import io.memcached2.Overloaded;
import io.memcached2.ServerAddress;
import io.memcached2.event.Outcome;
import io.memcached2.event.RequestEnd;
import io.memcached2.event.RequestStart;
import io.memcached2.internal.events.Events;
import io.memcached2.internal.protocol.Status;
import io.memcached2.internal.transport.ReplyMapper;
import io.memcached2.internal.transport.Request;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The events of one call, made only when a listener is registered: {@link #start} on the caller's thread before
 * anything is sent, then one end, on the thread that completes the call for its caller, before the caller sees it.
 */
final class Observed {
    private final Events events;
    private final String command;
    private final int keys;
    private final Object[] states;
    private final long startNanos;

    private Observed(Events events, String command, int keys) {
        this.events = events;
        this.command = command;
        this.keys = keys;
        this.states = events.started(new RequestStart(command, keys));
        this.startNanos = System.nanoTime();
    }

    /** Tells the listeners a call started; only when {@link Events#active()}. */
    static Observed start(Events events, String command, int keys) {
        return new Observed(events, command, keys);
    }

    /** The call was refused before the wire: a bad argument, or no server for its key. */
    void refused(ServerAddress server, Throwable reason) {
        events.refused(command, server, reason);
        report(List.of(), Outcome.ERROR, 0, 0, reason);
    }

    /**
     * The call ended after its requests went out; if it failed without any of them reaching the wire, it is
     * reported as a refusal, as {@link #refused} does, so single-key and multi-request calls read alike.
     */
    void ended(Collection<? extends Request> requests, Outcome outcome, int hits, int misses, Throwable error) {
        if (error != null && neverOnTheWire(requests, error)) {
            ServerAddress server = commonAddress(requests);
            if (!overloaded(requests)) {
                events.refused(command, server, error);
            }
            report(List.of(), Outcome.ERROR, 0, 0, error);
        } else {
            report(requests, outcome, hits, misses, error);
        }
    }

    /**
     * @return whether the call failed before any byte of it was written: every request failed without a byte
     *     sent (no server for its key, the server down, the client closed or overloaded, a request its dialect
     *     cannot express), or, with no request made, there was no server for the key; never for a timeout, which
     *     has its own event
     */
    private static boolean neverOnTheWire(Collection<? extends Request> requests, Throwable error) {
        if (error instanceof OperationTimeout) {
            return false;
        }
        if (requests.isEmpty()) {
            return error instanceof NoAvailableServers;
        }
        for (Request r : requests) {
            if (!r.isDone() || r.failure() == null || r.failure() instanceof OperationTimeout || r.bytesSent() > 0) {
                return false;
            }
        }
        return true;
    }

    /** @return whether the transport refused one of the requests as overloaded, and told the listeners itself */
    private static boolean overloaded(Collection<? extends Request> requests) {
        for (Request r : requests) {
            if (r.failure() instanceof Overloaded) {
                return true;
            }
        }
        return false;
    }

    /** @return the one server all the requests were for, or null if none was chosen or they were for several */
    private static ServerAddress commonAddress(Collection<? extends Request> requests) {
        ServerAddress common = null;
        for (Request r : requests) {
            if (r.address == null || (common != null && !common.equals(r.address))) {
                return null;
            }
            common = r.address;
        }
        return common;
    }

    /** Reports the end, with each server once, in the order the call first reached it. */
    private void report(
            Collection<? extends Request> requests, Outcome outcome, int hits, int misses, Throwable error) {
        List<ServerAddress> servers = new ArrayList<>(requests.size());
        long sent = 0;
        long received = 0;
        for (Request r : requests) {
            if (r.address != null && !servers.contains(r.address)) {
                servers.add(r.address);
            }
            sent += r.bytesSent();
            received += r.bytesReceived();
        }
        events.ended(
                new RequestEnd(
                        command,
                        keys,
                        List.copyOf(servers),
                        outcome,
                        hits,
                        misses,
                        sent,
                        received,
                        Duration.ofNanos(System.nanoTime() - startNanos),
                        error),
                states);
    }

    /** Maps a completed single request as {@code mapper} does, and reports the end (or the refusal) first. */
    <T> T single(Request r, ReplyMapper<T> mapper, Single.Kind kind) {
        T result;
        try {
            result = mapper.map(r);
        } catch (RuntimeException e) {
            Outcome o = outcome(r, kind);
            ended(List.of(r), o, hits(o), misses(o), o == Outcome.ERROR ? e : null);
            throw e;
        }
        Outcome o = outcome(r, kind);
        ended(List.of(r), o, hits(o), misses(o), null);
        return result;
    }

    /** @return a mapper that maps as {@code mapper} does and reports the end on the thread that maps */
    <T> ReplyMapper<T> around(ReplyMapper<T> mapper, Single.Kind kind) {
        return r -> single(r, mapper, kind);
    }

    /** Runs a fan-out's merge and reports its end. */
    <T> T merge(FanOut<T> call, Collection<? extends Request> requests) {
        T result;
        try {
            result = call.merge();
        } catch (RuntimeException e) {
            ended(requests, Outcome.ERROR, 0, 0, e);
            throw e;
        }
        int hits = call.hits(result);
        Outcome o = call.outcome(result);
        boolean read = o == Outcome.HIT || o == Outcome.MISS;
        ended(requests, o, hits, read ? call.keyCount - hits : 0, null);
        return result;
    }

    private static int hits(Outcome o) {
        return o == Outcome.HIT ? 1 : 0;
    }

    private static int misses(Outcome o) {
        return o == Outcome.MISS ? 1 : 0;
    }

    /** @return how a completed single request reads as an outcome */
    static Outcome outcome(Request r, Single.Kind kind) {
        if (!r.isDone() || r.failure() != null || r.status() == null) {
            return Outcome.ERROR;
        }
        Status s = r.status();
        switch (kind) {
            case READ:
                return s == Status.HIT ? Outcome.HIT : s == Status.MISS ? Outcome.MISS : Outcome.ERROR;
            case STORE:
                switch (s) {
                    case OK:
                        return Outcome.STORED;
                    case NOT_STORED:
                        return Outcome.NOT_STORED;
                    case EXISTS:
                        return Outcome.EXISTS;
                    case NOT_FOUND:
                        return Outcome.NOT_FOUND;
                    default:
                        return Outcome.ERROR;
                }
            default:
                switch (s) {
                    case OK:
                    case HIT:
                        return Outcome.OK;
                    case MISS:
                    case NOT_FOUND:
                    case NOT_STORED:
                        return Outcome.NOT_FOUND;
                    case EXISTS:
                        return Outcome.EXISTS;
                    default:
                        return Outcome.ERROR;
                }
        }
    }
}
