package io.memcached2.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcached2.spring.TolerantCacheErrorHandler;
import io.memcached2.testkit.MemcachedServer;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.IndicatedHealthDescriptor;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(
        classes = TestApp.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "memcached2.cache.tolerant=true",
            "memcached2.operation-timeout=300ms",
            "memcached2.connect-timeout=300ms",
            "memcached2.cache.cache-names=people,orders",
            "management.endpoint.health.show-details=always"
        })
@DirtiesContext
class ToleranceAndHealthTest {
    static final MemcachedServer SERVER = MemcachedServer.start();

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        registry.add("memcached2.servers", SERVER::uri);
    }

    @AfterAll
    static void stopServer() {
        SERVER.close();
    }

    @Autowired
    CachedService service;

    @Autowired
    TolerantCacheErrorHandler errors;

    @Autowired
    HealthEndpoint health;

    @Autowired
    MeterRegistry meters;

    private IndicatedHealthDescriptor memcachedHealth() {
        return (IndicatedHealthDescriptor) health.healthForPath("memcached2");
    }

    @Test
    void withTheServerDownTheApplicationAnswersFromTheMethodAndHealthSaysDown() throws Exception {
        IndicatedHealthDescriptor up = memcachedHealth();
        assertThat(up.getStatus()).isEqualTo(Status.UP);
        @SuppressWarnings("unchecked")
        Map<String, Object> servers = (Map<String, Object>) up.getDetails().get("servers");
        assertThat(servers).containsOnlyKeys(SERVER.uri());
        assertThat(servers.get(SERVER.uri()).toString()).contains("version");

        service.order("down-1");
        service.order("down-1");
        assertThat(service.orderCalls()).isEqualTo(1);
        assertThat(meters.get("memcached2.cache.gets")
                        .tags("cache", "orders", "result", "hit")
                        .functionCounter()
                        .count())
                .isEqualTo(1.0);

        SERVER.stop();
        try {
            long before = errors.errors();
            assertThat(service.order("down-1")).isEqualTo("order down-1");
            assertThat(service.order("down-1")).isEqualTo("order down-1");
            assertThat(service.orderCalls()).isEqualTo(3);
            assertThat(errors.getErrors()).isGreaterThanOrEqualTo(2);
            assertThat(errors.errors()).isGreaterThan(before);
            assertThat(meters.get("memcached2.cache.errors").functionCounter().count())
                    .isEqualTo(errors.errors());
            assertThat(memcachedHealth().getStatus()).isEqualTo(Status.DOWN);
        } finally {
            SERVER.restart();
        }
        Await.until(
                "health up again after the restart",
                Duration.ofSeconds(20),
                () -> memcachedHealth().getStatus().equals(Status.UP));
    }
}
