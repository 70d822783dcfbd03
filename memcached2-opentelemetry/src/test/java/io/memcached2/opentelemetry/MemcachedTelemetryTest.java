package io.memcached2.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcached2.OperationTimeout;
import io.memcached2.ServerAddress;
import io.memcached2.event.Outcome;
import io.memcached2.event.RequestEnd;
import io.memcached2.event.RequestStart;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The mapping from the client's call events to spans and the duration histogram, driven with {@link RequestStart}
 * and {@link RequestEnd} values directly.
 */
class MemcachedTelemetryTest {
    private static final ServerAddress A = ServerAddress.parse("memcached://10.0.0.1:11211/");
    private static final ServerAddress B = ServerAddress.parse("memcached://10.0.0.2:11212/");

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final InMemoryMetricReader metrics = InMemoryMetricReader.create();
    private final OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(spans))
                    .build())
            .setMeterProvider(
                    SdkMeterProvider.builder().registerMetricReader(metrics).build())
            .build();
    private final MemcachedTelemetry telemetry = MemcachedTelemetry.create(otel);

    @AfterEach
    void close() {
        otel.close();
    }

    private static RequestEnd end(
            String command, int keys, List<ServerAddress> servers, Outcome outcome, Throwable error) {
        return new RequestEnd(
                command,
                keys,
                servers,
                outcome,
                outcome == Outcome.HIT ? keys : 0,
                outcome == Outcome.MISS ? keys : 0,
                30,
                50,
                Duration.ofMillis(4),
                error);
    }

    private static <T> T attr(SpanData span, AttributeKey<T> key) {
        return span.getAttributes().get(key);
    }

    private List<HistogramPointData> durations() {
        MetricData metric = metrics.collectAllMetrics().stream()
                .filter(m -> m.getName().equals("db.client.operation.duration"))
                .findFirst()
                .orElseThrow();
        assertThat(metric.getUnit()).isEqualTo("s");
        assertThat(metric.getInstrumentationScopeInfo().getName()).isEqualTo("io.memcached2");
        return List.copyOf(metric.getHistogramData().getPoints());
    }

    @Test
    void aCallIsOneClientSpanNamedAfterItsCommandAndServer() {
        Object state = telemetry.requestStarted(new RequestStart("get", 1));
        telemetry.requestEnded(end("get", 1, List.of(A), Outcome.HIT, null), state);
        SpanData span = spans.getFinishedSpanItems().get(0);
        assertThat(span.getName()).isEqualTo("get 10.0.0.1:11211");
        assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(attr(span, MemcachedTelemetry.DB_SYSTEM_NAME)).isEqualTo("memcached");
        assertThat(attr(span, MemcachedTelemetry.DB_OPERATION_NAME)).isEqualTo("get");
        assertThat(attr(span, MemcachedTelemetry.SERVER_ADDRESS)).isEqualTo("10.0.0.1");
        assertThat(attr(span, MemcachedTelemetry.SERVER_PORT)).isEqualTo(11211L);
        assertThat(attr(span, MemcachedTelemetry.MEMCACHED_OUTCOME)).isEqualTo("hit");
        assertThat(attr(span, MemcachedTelemetry.DB_OPERATION_BATCH_SIZE)).isNull();
        assertThat(attr(span, MemcachedTelemetry.ERROR_TYPE)).isNull();
        assertThat(span.getParentSpanContext().isValid())
                .as("no caller's span: a root")
                .isFalse();

        HistogramPointData point = durations().get(0);
        assertThat(point.getCount()).isEqualTo(1);
        assertThat(point.getSum()).isEqualTo(0.004);
        assertThat(point.getBoundaries()).containsExactly(0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1.0, 5.0, 10.0);
        assertThat(point.getAttributes())
                .isEqualTo(Attributes.builder()
                        .put(MemcachedTelemetry.DB_SYSTEM_NAME, "memcached")
                        .put(MemcachedTelemetry.DB_OPERATION_NAME, "get")
                        .put(MemcachedTelemetry.SERVER_ADDRESS, "10.0.0.1")
                        .put(MemcachedTelemetry.SERVER_PORT, 11211L)
                        .build());
    }

    @Test
    void aFailureSetsTheStatusAndTheErrorType() {
        Object state = telemetry.requestStarted(new RequestStart("set", 1));
        telemetry.requestEnded(end("set", 1, List.of(B), Outcome.ERROR, new OperationTimeout("no reply")), state);
        SpanData span = spans.getFinishedSpanItems().get(0);
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(span.getStatus().getDescription()).isEqualTo("no reply");
        assertThat(attr(span, MemcachedTelemetry.ERROR_TYPE)).isEqualTo("io.memcached2.OperationTimeout");
        assertThat(durations().get(0).getAttributes().get(MemcachedTelemetry.ERROR_TYPE))
                .isEqualTo("io.memcached2.OperationTimeout");
    }

    @Test
    void aMultiServerCallIsOneSpanNamingItsServers() {
        Object state = telemetry.requestStarted(new RequestStart("get", 3));
        telemetry.requestEnded(end("get", 3, List.of(A, B), Outcome.HIT, null), state);
        assertThat(spans.getFinishedSpanItems()).hasSize(1);
        SpanData span = spans.getFinishedSpanItems().get(0);
        assertThat(span.getName()).isEqualTo("get");
        assertThat(attr(span, MemcachedTelemetry.MEMCACHED_SERVERS))
                .containsExactly("10.0.0.1:11211", "10.0.0.2:11212");
        assertThat(attr(span, MemcachedTelemetry.DB_OPERATION_BATCH_SIZE)).isEqualTo(3L);
        assertThat(attr(span, MemcachedTelemetry.SERVER_ADDRESS)).isNull();
        assertThat(durations().get(0).getAttributes().get(MemcachedTelemetry.SERVER_ADDRESS))
                .isNull();
    }

    @Test
    void theSpanIsTheChildOfTheCallersContextEvenWhenItEndsOnAnotherThread() throws Exception {
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            Span parent = otel.getTracer("test").spanBuilder("caller").startSpan();
            Object state;
            try (Scope ignored = parent.makeCurrent()) {
                state = telemetry.requestStarted(new RequestStart("get", 1));
            }
            CompletableFuture.runAsync(
                            () -> telemetry.requestEnded(end("get", 1, List.of(A), Outcome.MISS, null), state), other)
                    .get(5, TimeUnit.SECONDS);
            parent.end();
            SpanData child = spans.getFinishedSpanItems().stream()
                    .filter(s -> s.getName().startsWith("get "))
                    .findFirst()
                    .orElseThrow();
            assertThat(child.getParentSpanId())
                    .isEqualTo(parent.getSpanContext().getSpanId());
            assertThat(child.getTraceId()).isEqualTo(parent.getSpanContext().getTraceId());
            assertThat(attr(child, MemcachedTelemetry.MEMCACHED_OUTCOME)).isEqualTo("miss");
        } finally {
            other.shutdownNow();
        }
    }

    @Test
    void aUnixSocketServerIsItsPath() {
        ServerAddress socket = ServerAddress.parse("memcached+unix:///run/memcached.sock");
        Object state = telemetry.requestStarted(new RequestStart("delete", 1));
        telemetry.requestEnded(end("delete", 1, List.of(socket), Outcome.NOT_FOUND, null), state);
        SpanData span = spans.getFinishedSpanItems().get(0);
        assertThat(attr(span, MemcachedTelemetry.SERVER_ADDRESS)).isEqualTo("/run/memcached.sock");
        assertThat(attr(span, MemcachedTelemetry.SERVER_PORT)).isNull();
    }
}
