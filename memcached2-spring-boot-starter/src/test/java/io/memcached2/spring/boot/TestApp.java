package io.memcached2.spring.boot;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;

/** An application with caching enabled and nothing of memcached2 but the properties. */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableCaching
public class TestApp {
    @Bean
    CachedService cachedService() {
        return new CachedService();
    }
}
