package io.memcached2.micrometer;

import io.memcached2.ServerAddress;
import io.memcached2.event.MemcacheListener;
import io.memcached2.event.Outcome;
import io.memcached2.event.RequestEnd;
import io.memcached2.event.RequestStart;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.cache.CacheMeterBinder;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Micrometer meters fed by a client's events: Micrometer's own cache meters ({@code cache.gets} with
 * {@code result=hit|miss}, {@code cache.puts}, tagged {@code cache=<name>}), a latency timer per command, outcome
 * and server, gauges of ready connections and requests in flight, and counters of timeouts, overloads and
 * reconnects. Tags never hold a key: their values come from the command set, the outcomes, the exception types and
 * the configured servers. The README lists every meter.
 *
 * <pre>{@code
 * MemcachedMetrics metrics = new MemcachedMetrics("sessions", Tags.empty());
 * Memcache<String> mc = Memcache.builder().servers("memcached://cache1/").listener(metrics).build();
 * metrics.bindTo(registry);
 * }</pre>
 *
 * <p>Bind it to one registry (a {@code CompositeMeterRegistry} for several); events before binding feed the cache
 * counters only. Every method is quick and never blocks, so it declares itself {@link #cheap()}.
 */
public final class MemcachedMetrics extends CacheMeterBinder<Object> implements MemcacheListener {
    /** The server tag of a request that touched several servers. */
    public static final String MULTIPLE_SERVERS = "multiple";
    /** The server tag of a request refused before a server was chosen. */
    public static final String NO_SERVER = "none";

    /** What Micrometer's cache meters hold weakly; held here so that they keep reading while this lives. */
    private final Object anchor;

    private final Tags tags;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder puts = new LongAdder();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<TimerKey, Timer> timers = new ConcurrentHashMap<>();
    private final Map<String, ServerMeters> servers = new ConcurrentHashMap<>();
    private volatile MeterRegistry registry;
    private volatile Counter bytesSent;
    private volatile Counter bytesReceived;

    /**
     * @param cacheName the {@code cache} tag of every meter: a name for this client
     * @param tags more tags on every meter
     */
    public MemcachedMetrics(String cacheName, Iterable<Tag> tags) {
        this(new Object(), Objects.requireNonNull(cacheName, "cacheName"), tags);
    }

    private MemcachedMetrics(Object anchor, String cacheName, Iterable<Tag> tags) {
        super(anchor, cacheName, tags);
        this.anchor = anchor;
        this.tags = Tags.of(getTagsWithCacheName());
    }

    private record TimerKey(String command, Outcome outcome, String server, String exception) {}

    /** The meters of one server tag, made when the registry is known. */
    private static final class ServerMeters {
        final AtomicInteger ready = new AtomicInteger();
        Counter timeouts;
        Counter lateReplies;
        Counter overloads;
        Counter reconnects;
    }

    @Override
    public boolean cheap() {
        return true;
    }

    @Override
    protected Long size() {
        return null; // items live on the servers: their count is in the servers' stats, not known here
    }

    @Override
    protected long hitCount() {
        return hits.sum();
    }

    @Override
    protected Long missCount() {
        return misses.sum();
    }

    @Override
    protected Long evictionCount() {
        return null; // evictions happen on the servers, unseen by the client
    }

    @Override
    protected long putCount() {
        return puts.sum();
    }

    @Override
    protected void bindImplementationSpecificMetrics(MeterRegistry registry) {
        if (this.registry != null) {
            throw new IllegalStateException("already bound to a registry; use a CompositeMeterRegistry for several");
        }
        Gauge.builder("memcached.client.requests.inflight", inFlight, AtomicInteger::get)
                .tags(tags)
                .description("Requests made and not yet ended")
                .register(registry);
        bytesSent = Counter.builder("memcached.client.bytes.sent")
                .tags(tags)
                .baseUnit(BaseUnits.BYTES)
                .description("Bytes written to the servers")
                .register(registry);
        bytesReceived = Counter.builder("memcached.client.bytes.received")
                .tags(tags)
                .baseUnit(BaseUnits.BYTES)
                .description("Bytes of replies read from the servers")
                .register(registry);
        this.registry = registry;
        servers.forEach(this::register);
    }

    @Override
    public Object requestStarted(RequestStart start) {
        inFlight.incrementAndGet();
        return null;
    }

    @Override
    public void requestEnded(RequestEnd end, Object state) {
        inFlight.decrementAndGet();
        if (isRetrieval(end.command())) {
            hits.add(end.hits());
            misses.add(end.misses());
        } else if (end.outcome() == Outcome.STORED) {
            puts.add(Math.max(1, end.keys()));
        }
        MeterRegistry r = registry;
        if (r == null) {
            return;
        }
        bytesSent.increment(end.bytesSent());
        bytesReceived.increment(end.bytesReceived());
        String server = end.servers().isEmpty()
                ? NO_SERVER
                : end.servers().size() == 1 ? end.servers().get(0).hostAndPort() : MULTIPLE_SERVERS;
        String exception = end.error() == null ? "none" : end.errorType();
        TimerKey key = new TimerKey(end.command(), end.outcome(), server, exception);
        Timer timer = timers.get(key);
        if (timer == null) {
            timer = timers.computeIfAbsent(
                    key,
                    k -> Timer.builder("memcached.client.requests")
                            .description("Requests from the call to the result, per command, outcome and server")
                            .tags(tags)
                            .tag("command", k.command())
                            .tag("outcome", k.outcome().name().toLowerCase(Locale.ROOT))
                            .tag("server", k.server())
                            .tag("exception", k.exception())
                            .register(r));
        }
        timer.record(end.duration());
    }

    private static boolean isRetrieval(String command) {
        switch (command) {
            case "get":
            case "gets":
            case "gat":
            case "gats":
                return true;
            default:
                return false;
        }
    }

    @Override
    public void requestRefused(String command, ServerAddress server, Throwable reason) {
        if (reason instanceof io.memcached2.Overloaded) {
            ServerMeters m = server(server);
            if (m.overloads != null) {
                m.overloads.increment();
            }
        }
    }

    @Override
    public void requestTimedOut(String command, ServerAddress server, Duration timeout) {
        ServerMeters m = server(server);
        if (m.timeouts != null) {
            m.timeouts.increment();
        }
    }

    @Override
    public void lateReply(String command, ServerAddress server, Duration late) {
        ServerMeters m = server(server);
        if (m.lateReplies != null) {
            m.lateReplies.increment();
        }
    }

    /** Sets the server's connections gauge. */
    @Override
    public void connectionsReady(ServerAddress server, int count) {
        server(server).ready.set(count);
    }

    @Override
    public void reconnectScheduled(ServerAddress server, Duration delay) {
        ServerMeters m = server(server);
        if (m.reconnects != null) {
            m.reconnects.increment();
        }
    }

    private ServerMeters server(ServerAddress server) {
        String name = server == null ? NO_SERVER : server.hostAndPort();
        ServerMeters m = servers.get(name);
        if (m == null) {
            m = servers.computeIfAbsent(name, n -> {
                ServerMeters made = new ServerMeters();
                if (registry != null) {
                    register(n, made);
                }
                return made;
            });
        }
        return m;
    }

    private void register(String server, ServerMeters m) {
        MeterRegistry r = registry;
        Tags t = tags.and("server", server);
        Gauge.builder("memcached.client.connections", m.ready, AtomicInteger::get)
                .tags(t)
                .description("Connections to the server that carry requests")
                .register(r);
        m.timeouts = Counter.builder("memcached.client.timeouts")
                .tags(t)
                .description("Requests with no reply within the operation timeout")
                .register(r);
        m.lateReplies = Counter.builder("memcached.client.late.replies")
                .tags(t)
                .description("Replies that came after their request had timed out, and were dropped")
                .register(r);
        m.overloads = Counter.builder("memcached.client.overloads")
                .tags(t)
                .description("Requests refused before the wire: too many in flight or too many bytes queued")
                .register(r);
        m.reconnects = Counter.builder("memcached.client.reconnects")
                .tags(t)
                .description("Connection attempts scheduled after a connection was lost or an attempt failed")
                .register(r);
    }
}
