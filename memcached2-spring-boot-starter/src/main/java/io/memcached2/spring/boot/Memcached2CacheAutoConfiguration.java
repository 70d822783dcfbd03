package io.memcached2.spring.boot;

import io.memcached2.Memcache;
import io.memcached2.spring.CacheValueSerializer;
import io.memcached2.spring.CacheValueSerializers;
import io.memcached2.spring.JacksonCacheValueSerializer;
import io.memcached2.spring.JavaCacheValueSerializer;
import io.memcached2.spring.MemcachedCacheConfiguration;
import io.memcached2.spring.MemcachedCacheManager;
import io.memcached2.spring.TolerantCacheErrorHandler;
import io.memcached2.transcode.SerialAllowList;
import java.util.List;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.CachingConfigurer;
import org.springframework.cache.interceptor.CacheAspectSupport;
import org.springframework.cache.interceptor.CacheErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A {@link MemcachedCacheManager} when the application enables caching ({@code @EnableCaching}) and defines no
 * {@link CacheManager} of its own; it runs before Spring Boot's cache auto-configuration, which then backs off.
 * {@code memcached2.cache.enabled=false} turns it off. With {@code memcached2.cache.tolerant=true}, and no
 * {@link CachingConfigurer} of the application's, cache failures are handled by a {@link TolerantCacheErrorHandler}.
 */
@AutoConfiguration(
        after = Memcached2AutoConfiguration.class,
        beforeName = "org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration")
@ConditionalOnClass({CacheManager.class, MemcachedCacheManager.class})
@ConditionalOnBean({CacheAspectSupport.class, Memcache.class})
@ConditionalOnMissingBean(value = CacheManager.class, name = "cacheResolver")
@ConditionalOnProperty(prefix = "memcached2.cache", name = "enabled", havingValue = "true", matchIfMissing = true)
public class Memcached2CacheAutoConfiguration {
    /** Made by Spring Boot. */
    public Memcached2CacheAutoConfiguration() {}

    /**
     * @param client the {@code Memcache<byte[]>} client
     * @param properties the {@code memcached2.*} settings
     * @param beanFactory to find the application's packages, the default allow-list
     * @return the cache manager
     */
    @Bean
    public MemcachedCacheManager cacheManager(
            Memcache<byte[]> client, Memcached2Properties properties, BeanFactory beanFactory) {
        Memcached2Properties.Cache c = properties.getCache();
        MemcachedCacheConfiguration defaults = MemcachedCacheConfiguration.defaults(
                        serializer(c, allowList(c, beanFactory)))
                .withTtl(c.getDefaultTtl())
                .withKeyPrefix(c.getKeyPrefix())
                .withNullValues(c.isAllowNullValues())
                .withGenerationRefresh(c.getGenerationRefresh());
        MemcachedCacheManager.Builder b = MemcachedCacheManager.builder(client).defaults(defaults);
        c.getTtls().forEach((name, ttl) -> b.withCache(name, defaults.withTtl(ttl)));
        b.initialCacheNames(c.getCacheNames());
        if (!c.isDynamic()) {
            b.disableCreateOnMissingCache();
        }
        return b.build();
    }

    private static SerialAllowList allowList(Memcached2Properties.Cache c, BeanFactory beanFactory) {
        List<String> patterns = c.getAllowedClasses();
        if (patterns.isEmpty() && AutoConfigurationPackages.has(beanFactory)) {
            patterns = AutoConfigurationPackages.get(beanFactory).stream()
                    .map(p -> p + ".**")
                    .toList();
        }
        if (patterns.isEmpty()) {
            throw new IllegalStateException("set memcached2.cache.allowed-classes to the classes or packages of the"
                    + " cached values (com.example.Order, com.example.**): no application package was found");
        }
        return SerialAllowList.of(patterns.toArray(new String[0]));
    }

    private static CacheValueSerializer serializer(Memcached2Properties.Cache c, SerialAllowList allowList) {
        switch (c.getSerializer()) {
            case JACKSON:
                return new JacksonCacheValueSerializer(allowList);
            case JAVA:
                return java(allowList);
            default:
                return CacheValueSerializers.jacksonPresent()
                        ? new JacksonCacheValueSerializer(allowList)
                        : java(allowList);
        }
    }

    /** Java serialization also needs the JDK classes inside values listed; Jackson allows those by itself. */
    private static CacheValueSerializer java(SerialAllowList allowList) {
        return JavaCacheValueSerializer.withJdkValueTypes(allowList.patterns().toArray(new String[0]));
    }

    /** Tolerant mode: cache failures read as misses and are counted. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "memcached2.cache", name = "tolerant", havingValue = "true")
    @ConditionalOnMissingBean(CachingConfigurer.class)
    static class Tolerant {
        @Bean
        TolerantCacheErrorHandler memcached2CacheErrorHandler() {
            return new TolerantCacheErrorHandler();
        }

        @Bean
        CachingConfigurer memcached2CachingConfigurer(TolerantCacheErrorHandler handler) {
            return new CachingConfigurer() {
                @Override
                public CacheErrorHandler errorHandler() {
                    return handler;
                }
            };
        }
    }
}
