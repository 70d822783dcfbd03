package io.memcached2.spring.boot;

import io.memcached2.Memcache;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/** The {@code memcached2} health indicator, when Spring Boot's health support is on the class path. */
@AutoConfiguration(
        after = Memcached2AutoConfiguration.class,
        beforeName = "org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration")
@ConditionalOnClass({HealthIndicator.class, Memcache.class})
@ConditionalOnBean(Memcache.class)
@ConditionalOnEnabledHealthIndicator("memcached2")
public class Memcached2HealthContributorAutoConfiguration {
    /** Made by Spring Boot. */
    public Memcached2HealthContributorAutoConfiguration() {}

    /**
     * @param client the client
     * @return the indicator, shown as {@code memcached2} in the health endpoint
     */
    @Bean
    @ConditionalOnMissingBean(name = "memcached2HealthIndicator")
    public Memcached2HealthIndicator memcached2HealthIndicator(Memcache<?> client) {
        return new Memcached2HealthIndicator(client);
    }
}
