package io.memcached2.spring.boot;

import io.memcached2.Memcache;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The memcached2 client, a {@code Memcache<byte[]>} built from {@code memcached2.*} and closed with the context.
 * A {@link Memcache} bean of the application's own replaces it (the cache needs it to be of {@code byte[]}).
 */
@AutoConfiguration
@ConditionalOnClass(Memcache.class)
@EnableConfigurationProperties(Memcached2Properties.class)
public class Memcached2AutoConfiguration {
    /** Made by Spring Boot. */
    public Memcached2AutoConfiguration() {}

    /**
     * @param properties the {@code memcached2.*} settings
     * @param customizers applied after the properties, in order
     * @return the client; Spring calls its {@code close()} when the context closes
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(Memcache.class)
    public Memcache<byte[]> memcached2Client(
            Memcached2Properties properties, ObjectProvider<MemcacheBuilderCustomizer> customizers) {
        return ClientFactory.builder(properties, customizers.orderedStream().toList())
                .build();
    }
}
