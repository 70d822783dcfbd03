package io.memcached2.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcached2.Memcache;
import io.memcached2.testkit.MemcachedExtension;
import io.memcached2.testkit.MemcachedServer;
import io.memcached2.testkit.MemcachedServers;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Against two real memcached servers: spans and the duration histogram follow the calls made. */
@ExtendWith(MemcachedExtension.class)
class MemcachedTelemetryTrafficTest {
    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final InMemoryMetricReader metrics = InMemoryMetricReader.create();
    private final OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(spans))
                    .build())
            .setMeterProvider(
                    SdkMeterProvider.builder().registerMetricReader(metrics).build())
            .build();

    @AfterEach
    void close() {
        otel.close();
    }

    private List<SpanData> memcachedSpans() {
        return spans.getFinishedSpanItems().stream()
                .filter(s -> "memcached".equals(s.getAttributes().get(MemcachedTelemetry.DB_SYSTEM_NAME)))
                .toList();
    }

    @Test
    void callsAreSpansParentedToTheCallerAndAMultiServerGetIsOne(
            @MemcachedServers(count = 2) List<MemcachedServer> servers) throws Exception {
        try (Memcache<String> mc = Memcache.builder()
                .servers(servers.get(0).uri(), servers.get(1).uri())
                .listener(MemcachedTelemetry.create(otel))
                .build()) {
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                keys.add("item:" + i);
                mc.set("item:" + i, "v" + i);
            }
            spans.reset();

            Span caller = otel.getTracer("test").spanBuilder("handle request").startSpan();
            CompletableFuture<String> async;
            try (Scope ignored = caller.makeCurrent()) {
                async = mc.async().get("item:3");
            }
            assertThat(async.get(5, TimeUnit.SECONDS)).isEqualTo("v3");
            caller.end();
            SpanData get = memcachedSpans().get(0);
            assertThat(get.getParentSpanId()).isEqualTo(caller.getSpanContext().getSpanId());
            assertThat(get.getKind()).isEqualTo(SpanKind.CLIENT);
            assertThat(get.getAttributes().get(MemcachedTelemetry.DB_OPERATION_NAME))
                    .isEqualTo("get");
            assertThat(get.getAttributes().get(MemcachedTelemetry.MEMCACHED_OUTCOME))
                    .isEqualTo("hit");
            assertThat(get.getName()).startsWith("get 127.0.0.1:");
            spans.reset();

            Map<String, String> all = mc.getMulti(keys);
            assertThat(all).hasSize(12);
            List<SpanData> multi = memcachedSpans();
            assertThat(multi).as("one span for the whole multi-get").hasSize(1);
            List<String> touched = multi.get(0).getAttributes().get(MemcachedTelemetry.MEMCACHED_SERVERS);
            assertThat(touched)
                    .containsExactlyInAnyOrder(
                            servers.get(0).host() + ":" + servers.get(0).port(),
                            servers.get(1).host() + ":" + servers.get(1).port());
            assertThat(multi.get(0).getAttributes().get(MemcachedTelemetry.DB_OPERATION_BATCH_SIZE))
                    .isEqualTo(12L);
        }
        long recorded = metrics.collectAllMetrics().stream()
                .filter(m -> m.getName().equals("db.client.operation.duration"))
                .flatMap(m -> m.getHistogramData().getPoints().stream())
                .mapToLong(HistogramPointData::getCount)
                .sum();
        assertThat(recorded).as("12 sets, 1 get, 1 multi-get").isEqualTo(14);
    }
}
