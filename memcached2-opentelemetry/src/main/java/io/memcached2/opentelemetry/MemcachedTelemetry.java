package io.memcached2.opentelemetry;

import io.memcached2.ServerAddress;
import io.memcached2.event.MemcacheListener;
import io.memcached2.event.RequestEnd;
import io.memcached2.event.RequestStart;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Traces and measures every call of a client, per OpenTelemetry's semantic conventions for database clients (see
 * the module's README for the version and every name): one {@link SpanKind#CLIENT} span per call, named after the
 * command and its server, and the {@code db.client.operation.duration} histogram in seconds.
 *
 * <pre>{@code
 * Memcache<String> mc = Memcache.builder().servers("memcached://cache1/")
 *         .listener(MemcachedTelemetry.create(openTelemetry)).build();
 * }</pre>
 *
 * <p>The span starts on the caller's thread, as the child of the caller's current context, so an asynchronous call
 * is parented to whatever span was current when it was made. A call that reaches several servers (a multi-key get
 * spread over the ring) is one span that names them all in {@code memcached.servers}. Keys and values are never
 * recorded.
 */
public final class MemcachedTelemetry implements MemcacheListener {
    /** The instrumentation scope of the tracer and meter. */
    public static final String SCOPE = "io.memcached2";

    static final AttributeKey<String> DB_SYSTEM_NAME = AttributeKey.stringKey("db.system.name");
    static final AttributeKey<String> DB_OPERATION_NAME = AttributeKey.stringKey("db.operation.name");
    static final AttributeKey<Long> DB_OPERATION_BATCH_SIZE = AttributeKey.longKey("db.operation.batch.size");
    static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    static final AttributeKey<List<String>> MEMCACHED_SERVERS = AttributeKey.stringArrayKey("memcached.servers");
    static final AttributeKey<String> MEMCACHED_OUTCOME = AttributeKey.stringKey("memcached.outcome");
    /** The value of {@code db.system.name}: the well-known identifier of memcached. */
    static final String MEMCACHED = "memcached";
    /** The buckets the conventions advise for {@code db.client.operation.duration}, in seconds. */
    private static final List<Double> BUCKETS = List.of(0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1.0, 5.0, 10.0);

    private final Tracer tracer;
    private final DoubleHistogram duration;

    private MemcachedTelemetry(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer(SCOPE);
        this.duration = openTelemetry
                .getMeter(SCOPE)
                .histogramBuilder("db.client.operation.duration")
                .setDescription("Duration of database client operations.")
                .setUnit("s")
                .setExplicitBucketBoundariesAdvice(BUCKETS)
                .build();
    }

    /**
     * @param openTelemetry whose tracer and meter providers receive the spans and the duration histogram
     * @return a listener to register with {@code MemcacheBuilder.listener(...)}
     */
    public static MemcachedTelemetry create(OpenTelemetry openTelemetry) {
        return new MemcachedTelemetry(Objects.requireNonNull(openTelemetry, "openTelemetry"));
    }

    @Override
    public Object requestStarted(RequestStart start) {
        var span = tracer.spanBuilder(start.command())
                .setSpanKind(SpanKind.CLIENT)
                .setParent(Context.current())
                .setAttribute(DB_SYSTEM_NAME, MEMCACHED)
                .setAttribute(DB_OPERATION_NAME, start.command());
        if (start.keys() > 1) {
            span.setAttribute(DB_OPERATION_BATCH_SIZE, (long) start.keys());
        }
        return span.startSpan();
    }

    @Override
    public void requestEnded(RequestEnd end, Object state) {
        AttributesBuilder metric =
                Attributes.builder().put(DB_SYSTEM_NAME, MEMCACHED).put(DB_OPERATION_NAME, end.command());
        List<ServerAddress> servers = end.servers();
        Span span = state instanceof Span ? (Span) state : Span.getInvalid();
        if (servers.size() == 1) {
            ServerAddress server = servers.get(0);
            putServer(metric, server);
            span.setAllAttributes(putServer(Attributes.builder(), server).build());
            span.updateName(end.command() + " " + server.hostAndPort());
        } else if (servers.size() > 1) {
            List<String> names = new ArrayList<>(servers.size());
            for (ServerAddress s : servers) {
                names.add(s.hostAndPort());
            }
            span.setAttribute(MEMCACHED_SERVERS, names);
        }
        span.setAttribute(MEMCACHED_OUTCOME, end.outcome().name().toLowerCase(Locale.ROOT));
        if (end.error() != null) {
            String type = end.error().getClass().getName();
            metric.put(ERROR_TYPE, type);
            span.setAttribute(ERROR_TYPE, type);
            span.setStatus(StatusCode.ERROR, end.error().getMessage());
        }
        duration.record(end.duration().toNanos() / 1e9, metric.build());
        span.end();
    }

    /** {@code server.address} and, for TCP, {@code server.port}; a Unix socket's address is its path. */
    private static AttributesBuilder putServer(AttributesBuilder b, ServerAddress server) {
        if (server.transport() == ServerAddress.Transport.UNIX) {
            return b.put(SERVER_ADDRESS, server.path());
        }
        return b.put(SERVER_ADDRESS, server.host()).put(SERVER_PORT, (long) server.port());
    }
}
