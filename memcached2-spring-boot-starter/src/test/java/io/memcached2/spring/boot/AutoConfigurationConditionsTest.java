package io.memcached2.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcached2.Memcache;
import io.memcached2.Protocol;
import io.memcached2.Transcoders;
import io.memcached2.spring.JavaCacheValueSerializer;
import io.memcached2.spring.MemcachedCache;
import io.memcached2.spring.MemcachedCacheManager;
import io.memcached2.spring.TolerantCacheErrorHandler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.CachingConfigurer;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Which beans appear under which conditions; no server is needed, as the client connects lazily. */
class AutoConfigurationConditionsTest {
    // A port nothing listens on: the client is built but never used.
    private static final String NOWHERE = "memcached2.servers=memcached://127.0.0.1:1/";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    Memcached2AutoConfiguration.class,
                    Memcached2CacheAutoConfiguration.class,
                    CacheAutoConfiguration.class,
                    Memcached2HealthContributorAutoConfiguration.class,
                    HealthContributorAutoConfiguration.class))
            .withPropertyValues(
                    NOWHERE, "memcached2.cache.allowed-classes=com.example.**", "memcached2.close-timeout=0s");

    @Configuration(proxyBeanMethods = false)
    @EnableCaching
    static class Caching {}

    @Configuration(proxyBeanMethods = false)
    @EnableCaching
    static class OwnCacheManager {
        @Bean
        CacheManager myCacheManager() {
            return new ConcurrentMapCacheManager();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnClient {
        @Bean
        Memcache<byte[]> myClient() {
            return Memcache.builder(Transcoders.bytes())
                    .servers("memcached://127.0.0.1:1/")
                    .build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableCaching
    static class OwnConfigurer {
        @Bean
        CachingConfigurer myConfigurer() {
            return new CachingConfigurer() {};
        }
    }

    @Test
    void withCachingEnabledTheMemcachedCacheManagerReplacesBootsOwn() {
        runner.withUserConfiguration(Caching.class).run(ctx -> {
            assertThat(ctx).hasSingleBean(Memcache.class).hasSingleBean(CacheManager.class);
            assertThat(ctx.getBean(CacheManager.class)).isInstanceOf(MemcachedCacheManager.class);
            assertThat(ctx).doesNotHaveBean(TolerantCacheErrorHandler.class);
        });
    }

    @Test
    void withoutEnableCachingThereIsOnlyTheClient() {
        runner.run(ctx -> assertThat(ctx).hasSingleBean(Memcache.class).doesNotHaveBean(CacheManager.class));
    }

    @Test
    void cacheEnabledFalseLeavesTheCacheToBoot() {
        runner.withUserConfiguration(Caching.class)
                .withPropertyValues("memcached2.cache.enabled=false")
                .run(ctx -> {
                    assertThat(ctx).hasSingleBean(CacheManager.class);
                    assertThat(ctx.getBean(CacheManager.class)).isNotInstanceOf(MemcachedCacheManager.class);
                });
    }

    @Test
    void backsOffForTheApplicationsCacheManager() {
        runner.withUserConfiguration(OwnCacheManager.class).run(ctx -> {
            assertThat(ctx).hasSingleBean(CacheManager.class);
            assertThat(ctx.getBean(CacheManager.class)).isInstanceOf(ConcurrentMapCacheManager.class);
        });
    }

    @Test
    void backsOffForTheApplicationsClientAndUsesIt() {
        runner.withUserConfiguration(OwnClient.class, Caching.class).run(ctx -> {
            assertThat(ctx).hasSingleBean(Memcache.class).hasBean("myClient").doesNotHaveBean("memcached2Client");
            MemcachedCache cache =
                    (MemcachedCache) ctx.getBean(CacheManager.class).getCache("any");
            assertThat(cache.getNativeCache()).isSameAs(ctx.getBean("myClient"));
        });
    }

    @Test
    void theClientIsClosedWithTheContext() {
        Memcache<?>[] client = new Memcache<?>[1];
        runner.run(ctx -> client[0] = ctx.getBean(Memcache.class));
        assertThat(client[0]).isNotNull();
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> client[0].get("k"));
        assertThat(t).isInstanceOf(io.memcached2.ServerDisconnect.class).hasMessageContaining("closed");
    }

    @Test
    void propertiesReachTheClientAndTheCaches() {
        runner.withUserConfiguration(Caching.class)
                .withPropertyValues(
                        "memcached2.protocol=text",
                        "memcached2.servers=memcached://127.0.0.1:1/,memcached://127.0.0.1:2/?weight=2",
                        "memcached2.cache.key-prefix=app1:",
                        "memcached2.cache.default-ttl=10m",
                        "memcached2.cache.ttls.prices=30s",
                        "memcached2.cache.serializer=java",
                        "memcached2.cache.allow-null-values=false",
                        "memcached2.cache.generation-refresh=0")
                .run(ctx -> {
                    Memcache<?> client = ctx.getBean(Memcache.class);
                    assertThat(client.servers()).hasSize(2);
                    assertThat(client.servers().get(1).weight()).isEqualTo(2);
                    CacheManager manager = ctx.getBean(CacheManager.class);
                    MemcachedCache prices = (MemcachedCache) manager.getCache("prices");
                    MemcachedCache other = (MemcachedCache) manager.getCache("other");
                    assertThat(prices.getConfiguration().ttl()).isEqualTo(Duration.ofSeconds(30));
                    assertThat(other.getConfiguration().ttl()).isEqualTo(Duration.ofMinutes(10));
                    assertThat(other.getConfiguration().keyPrefix()).isEqualTo("app1:");
                    assertThat(other.getConfiguration().serializer()).isInstanceOf(JavaCacheValueSerializer.class);
                    assertThat(other.isAllowNullValues()).isFalse();
                    assertThat(other.getConfiguration().generationRefresh()).isZero();
                });
        assertThat(Protocol.valueOf("TEXT")).isEqualTo(Protocol.TEXT);
    }

    @Test
    void dynamicFalseServesOnlyTheNamedCaches() {
        runner.withUserConfiguration(Caching.class)
                .withPropertyValues("memcached2.cache.cache-names=a,b", "memcached2.cache.dynamic=false")
                .run(ctx -> {
                    CacheManager manager = ctx.getBean(CacheManager.class);
                    assertThat(manager.getCacheNames()).containsExactly("a", "b");
                    assertThat(manager.getCache("c")).isNull();
                });
    }

    @Test
    void tolerantModeInstallsTheErrorHandlerUnlessTheApplicationHasAConfigurer() {
        runner.withUserConfiguration(Caching.class)
                .withPropertyValues("memcached2.cache.tolerant=true")
                .run(ctx -> assertThat(ctx)
                        .hasSingleBean(TolerantCacheErrorHandler.class)
                        .hasSingleBean(CachingConfigurer.class));
        runner.withUserConfiguration(OwnConfigurer.class)
                .withPropertyValues("memcached2.cache.tolerant=true")
                .run(ctx -> assertThat(ctx)
                        .doesNotHaveBean(TolerantCacheErrorHandler.class)
                        .hasSingleBean(CachingConfigurer.class));
    }

    @Test
    void theHealthIndicatorCanBeTurnedOff() {
        runner.run(ctx -> assertThat(ctx).hasSingleBean(Memcached2HealthIndicator.class));
        runner.withPropertyValues("management.health.memcached2.enabled=false")
                .run(ctx -> assertThat(ctx).doesNotHaveBean(Memcached2HealthIndicator.class));
    }

    @Test
    void credentialsWithoutAPasswordFailAtStart() {
        runner.withPropertyValues("memcached2.username=app")
                .run(ctx -> assertThat(ctx)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("memcached2.password"));
    }

    @Test
    void configurationMetadataIsGenerated() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).isNotNull();
            String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(json)
                    .contains(
                            "\"memcached2.servers\"",
                            "\"memcached2.cache.enabled\"",
                            "\"memcached2.cache.ttls\"",
                            "\"memcached2.tls.trust-pem\"",
                            "\"memcached2.password\"");
        }
    }
}
