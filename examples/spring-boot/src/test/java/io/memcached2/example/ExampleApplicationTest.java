package io.memcached2.example;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcached2.testkit.MemcachedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Smoke test: the context starts against a real memcached and the demo caches. */
@SpringBootTest
class ExampleApplicationTest {
    static final MemcachedServer SERVER = MemcachedServer.start();

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        registry.add("memcached2.servers", SERVER::uri);
    }

    @AfterAll
    static void stop() {
        SERVER.close();
    }

    @Autowired
    QuoteService quotes;

    @Test
    void theDemoRanTheMethodOncePerSymbolAndOnceAfterTheRefresh() {
        assertThat(quotes.calls()).isEqualTo(3);
        quotes.quote("ACME");
        assertThat(quotes.calls()).isEqualTo(3);
    }
}
