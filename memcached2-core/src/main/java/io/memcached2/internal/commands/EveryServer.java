package io.memcached2.internal.commands;

import io.memcached2.MultiServerException;
import io.memcached2.ServerAddress;
import io.memcached2.ServerStats;
import io.memcached2.internal.protocol.Op;
import io.memcached2.internal.routing.Engine;
import io.memcached2.internal.transport.Node;
import io.memcached2.internal.transport.ReplyMapper;
import io.memcached2.internal.transport.Request;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The commands sent to every server (deleteAll, flush_all, stats, version): sending them and merging the servers'
 * answers. Shared by the blocking and asynchronous clients; requests are kept by node, in configuration order.
 */
public final class EveryServer {
    private static final ReplyMapper<Boolean> FLUSHED = r -> {
        Outcomes.OK.map(r);
        return Boolean.TRUE;
    };

    private EveryServer() {}

    /** Sends a delete of the key to every server; a bad key throws before anything is sent. */
    public static <R extends Request> Map<Node, R> delete(Engine engine, String key, Supplier<R> make) {
        byte form = engine.keyForm(key);
        Map<Node, R> requests = new LinkedHashMap<>();
        for (Node node : engine.nodes()) {
            R r = make.get();
            r.delete(key, form, 0);
            requests.put(node, r);
        }
        return submit(requests);
    }

    /** Sends flush_all, with this delay in seconds (0 for none), to every server. */
    public static <R extends Request> Map<Node, R> flush(Engine engine, int exptime, Supplier<R> make) {
        return plain(engine, Op.FLUSH_ALL, null, exptime, make);
    }

    /** Sends {@code stats kind} (a checked sub-command, or null) to every server. */
    public static <R extends Request> Map<Node, R> stats(Engine engine, String kind, Supplier<R> make) {
        return plain(engine, Op.STATS, kind, 0, make);
    }

    /** Sends version to every server. */
    public static <R extends Request> Map<Node, R> version(Engine engine, Supplier<R> make) {
        return plain(engine, Op.VERSION, null, 0, make);
    }

    private static <R extends Request> Map<Node, R> plain(
            Engine engine, Op op, String arg, int exptime, Supplier<R> make) {
        Map<Node, R> requests = new LinkedHashMap<>();
        for (Node node : engine.nodes()) {
            R r = make.get();
            r.admin(op, arg, exptime);
            requests.put(node, r);
        }
        return submit(requests);
    }

    private static <R extends Request> Map<Node, R> submit(Map<Node, R> requests) {
        requests.forEach(Engine::submit);
        return requests;
    }

    /**
     * @return true if any server held the key
     * @throws MultiServerException if some servers failed, with the others' answers; the failure itself if all did
     */
    public static boolean deleted(Map<Node, ? extends Request> requests) {
        return answers("deleteAll", requests, Outcomes.DELETED).containsValue(Boolean.TRUE);
    }

    /** @throws MultiServerException if some servers failed, with the others' answers; the failure itself if all did */
    public static void flushed(Map<Node, ? extends Request> requests) {
        answers("flush_all", requests, FLUSHED);
    }

    /** @return each server's statistics, null for a server that failed */
    public static List<ServerStats> stats(Map<Node, ? extends Request> requests) {
        List<ServerStats> out = new ArrayList<>(requests.size());
        requests.forEach((node, r) -> {
            try {
                CallBound.outcome(r, Outcomes.OK);
                out.add(new ServerStats(node.address(), r.stats()));
            } catch (RuntimeException failed) {
                out.add(null);
            }
        });
        return out;
    }

    /** @return each server's version, null for a server that failed */
    public static Map<ServerAddress, String> versions(Map<Node, ? extends Request> requests) {
        Map<ServerAddress, String> out = new LinkedHashMap<>();
        requests.forEach((node, r) -> {
            try {
                CallBound.outcome(r, Outcomes.OK);
                out.put(node.address(), r.text());
            } catch (RuntimeException failed) {
                out.put(node.address(), null);
            }
        });
        return out;
    }

    private static Map<ServerAddress, Boolean> answers(
            String command, Map<Node, ? extends Request> requests, ReplyMapper<Boolean> mapper) {
        Map<ServerAddress, Boolean> results = new LinkedHashMap<>();
        Map<ServerAddress, Throwable> failures = null;
        RuntimeException first = null;
        for (Map.Entry<Node, ? extends Request> e : requests.entrySet()) {
            try {
                results.put(e.getKey().address(), CallBound.outcome(e.getValue(), mapper));
            } catch (RuntimeException err) {
                if (first == null) {
                    first = err;
                    failures = new LinkedHashMap<>();
                }
                failures.put(e.getKey().address(), err);
            }
        }
        if (first == null) {
            return results;
        }
        if (results.isEmpty()) {
            throw first;
        }
        throw new MultiServerException(
                command + " failed on " + failures.size() + " of " + requests.size() + " servers (first: "
                        + first.getMessage() + ")",
                results,
                failures,
                first);
    }
}
