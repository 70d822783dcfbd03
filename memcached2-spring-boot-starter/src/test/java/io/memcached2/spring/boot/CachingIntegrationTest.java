package io.memcached2.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcached2.Memcache;
import io.memcached2.ServerStats;
import io.memcached2.spring.MemcachedCacheManager;
import io.memcached2.testkit.MemcachedServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cache.CacheManager;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(
        classes = TestApp.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"memcached2.cache.key-prefix=it:", "memcached2.cache.ttls.short=1s"})
@DirtiesContext
class CachingIntegrationTest {
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
    CacheManager cacheManager;

    @Autowired
    Memcache<byte[]> client;

    private long stat(String name) {
        ServerStats s = client.stats().get(0);
        return s.number(name);
    }

    @Test
    void theMemcachedCacheManagerIsTheOneInUse() {
        assertThat(cacheManager).isInstanceOf(MemcachedCacheManager.class);
    }

    @Test
    void hitsAndMissesAreCountedAtTheServer() {
        long hits = stat("get_hits");
        long misses = stat("get_misses");
        int calls = service.personCalls();
        CachedService.Person first = service.person("hm-1");
        CachedService.Person second = service.person("hm-1");
        assertThat(second).isEqualTo(first).isInstanceOf(CachedService.Person.class);
        assertThat(service.personCalls()).isEqualTo(calls + 1);
        assertThat(stat("get_misses") - misses).isEqualTo(1);
        assertThat(stat("get_hits") - hits).isEqualTo(1);
    }

    @Test
    void syncWith32ThreadsCallsTheMethodOnce() throws Exception {
        int threads = 32;
        CountDownLatch arrived = new CountDownLatch(threads);
        service.slowGate(arrived);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    arrived.countDown();
                    return service.slow("one");
                }));
            }
            for (Future<String> r : results) {
                assertThat(r.get(30, TimeUnit.SECONDS)).isEqualTo("slow one");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(service.slowCalls()).isEqualTo(1);
    }

    @Test
    void evictAllEntriesClearsOneCacheWhileAnotherSurvives() {
        service.person("ev-1");
        service.order("ev-1");
        int people = service.personCalls();
        int orders = service.orderCalls();
        service.forgetPeople();
        service.person("ev-1");
        service.order("ev-1");
        assertThat(service.personCalls()).isEqualTo(people + 1);
        assertThat(service.orderCalls()).isEqualTo(orders);
    }

    @Test
    void cachePutReplacesTheEntry() {
        service.person("put-1");
        int calls = service.personCalls();
        service.updatePerson("put-1", "renamed");
        assertThat(service.person("put-1").name()).isEqualTo("renamed");
        assertThat(service.personCalls()).isEqualTo(calls);
    }

    @Test
    void aCompletableFutureReturningMethodIsCached() throws Exception {
        assertThat(service.async("a-1").get(10, TimeUnit.SECONDS)).isEqualTo("async a-1");
        assertThat(service.async("a-1").get(10, TimeUnit.SECONDS)).isEqualTo("async a-1");
        assertThat(service.asyncCalls()).isEqualTo(1);
    }

    @Test
    void entriesOfAShortTtlCacheExpire() throws Exception {
        String first = service.shortLived("t-1");
        assertThat(service.shortLived("t-1")).isEqualTo(first);
        Await.until(
                "the 1 s entry expires",
                Duration.ofSeconds(10),
                () -> cacheManager.getCache("short").get("t-1") == null);
        assertThat(service.shortLived("t-1")).isNotEqualTo(first);
        assertThat(service.shortCalls()).isEqualTo(2);
    }
}
