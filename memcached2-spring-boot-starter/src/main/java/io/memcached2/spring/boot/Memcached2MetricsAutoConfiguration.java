package io.memcached2.spring.boot;

import io.memcached2.spring.MemcachedCacheManager;
import io.memcached2.spring.TolerantCacheErrorHandler;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/** {@link Memcached2MeterBinder} when Micrometer is on the class path and the memcached2 cache manager is in use. */
@AutoConfiguration(after = Memcached2CacheAutoConfiguration.class)
@ConditionalOnClass(MeterBinder.class)
@ConditionalOnBean(MemcachedCacheManager.class)
public class Memcached2MetricsAutoConfiguration {
    /** Made by Spring Boot. */
    public Memcached2MetricsAutoConfiguration() {}

    /**
     * @param cacheManager the caches to measure
     * @param errorHandler the tolerant handler, if tolerant mode is on
     * @return the binder, bound by Spring Boot to every meter registry
     */
    @Bean
    public Memcached2MeterBinder memcached2MeterBinder(
            MemcachedCacheManager cacheManager, ObjectProvider<TolerantCacheErrorHandler> errorHandler) {
        return new Memcached2MeterBinder(cacheManager, errorHandler.getIfAvailable());
    }
}
