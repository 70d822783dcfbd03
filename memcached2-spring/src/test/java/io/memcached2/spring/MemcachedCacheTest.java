package io.memcached2.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memcached2.Memcache;
import io.memcached2.Transcoders;
import io.memcached2.testkit.MemcachedExtension;
import io.memcached2.testkit.MemcachedServer;
import io.memcached2.transcode.SerialAllowList;
import io.memcached2.transcode.UndecodableValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.cache.Cache;
import org.springframework.cache.Cache.ValueRetrievalException;

@ExtendWith(MemcachedExtension.class)
class MemcachedCacheTest {
    record Person(String name, int age) {}

    private Memcache<byte[]> client;
    private MemcachedCacheConfiguration config;

    @BeforeEach
    void connect(MemcachedServer server) {
        client = Memcache.builder(Transcoders.bytes()).servers(server.uri()).build();
        config = MemcachedCacheConfiguration.defaults(
                        CacheValueSerializers.standard(SerialAllowList.of(Person.class.getName())))
                .withKeyPrefix("test:");
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void putThenGetWithTypesAndHostileKeys() {
        MemcachedCache cache = new MemcachedCache("people", client, config);
        List<Object> keys = List.of("alice", 7L, "with space", "ctrl\r\n", "ü".repeat(200), "x".repeat(300));
        for (Object key : keys) {
            cache.put(key, new Person(String.valueOf(key), 30));
        }
        for (Object key : keys) {
            assertThat(cache.get(key, Person.class)).isEqualTo(new Person(String.valueOf(key), 30));
        }
        assertThat(cache.get("nobody")).isNull();
        assertThat(cache.memcachedKey("alice")).startsWith("test:people:").endsWith(":alice");
        assertThat(cache.getStatistics().hits()).isEqualTo(keys.size());
        assertThat(cache.getStatistics().misses()).isEqualTo(1);
    }

    @Test
    void nullIsStoredAsAMarkerWhenAllowedAndRefusedOtherwise() {
        MemcachedCache cache = new MemcachedCache("nulls", client, config);
        cache.put("k", null);
        Cache.ValueWrapper w = cache.get("k");
        assertThat(w).isNotNull();
        assertThat(w.get()).isNull();
        MemcachedCache strict = new MemcachedCache("strict", client, config.withNullValues(false));
        assertThatThrownBy(() -> strict.put("k", null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void putIfAbsentIsAnAdd() {
        MemcachedCache cache = new MemcachedCache("once", client, config);
        assertThat(cache.putIfAbsent("k", "first")).isNull();
        assertThat(cache.putIfAbsent("k", "second").get()).isEqualTo("first");
        assertThat(cache.get("k").get()).isEqualTo("first");
    }

    @Test
    void evictAndEvictIfPresent() {
        MemcachedCache cache = new MemcachedCache("ev", client, config);
        cache.put("k", "v");
        assertThat(cache.evictIfPresent("k")).isTrue();
        assertThat(cache.evictIfPresent("k")).isFalse();
        cache.put("k2", "v");
        cache.evict("k2");
        assertThat(cache.get("k2")).isNull();
    }

    @Test
    void clearMakesOneCacheEmptyAndLeavesTheOthers() {
        MemcachedCache a = new MemcachedCache("a", client, config);
        MemcachedCache b = new MemcachedCache("b", client, config);
        a.put("k", "in a");
        b.put("k", "in b");
        client.set("unrelated", "x".getBytes(StandardCharsets.UTF_8));
        a.clear();
        assertThat(a.get("k")).isNull();
        assertThat(b.get("k").get()).isEqualTo("in b");
        assertThat(client.get("unrelated")).isNotNull();
        a.put("k", "again");
        assertThat(a.get("k").get()).isEqualTo("again");
    }

    @Test
    void anotherProcessSeesAClearWithinTheRefreshTime() {
        MemcachedCacheConfiguration exact = config.withGenerationRefresh(Duration.ZERO);
        MemcachedCache here = new MemcachedCache("shared", client, exact);
        MemcachedCache there = new MemcachedCache("shared", client, exact);
        here.put("k", "v");
        assertThat(there.get("k").get()).isEqualTo("v");
        here.clear();
        assertThat(there.get("k")).isNull();
    }

    @Test
    void aLostGenerationCounterComesBackAboveItsOldValue() {
        MemcachedCache cache = new MemcachedCache("lost", client, config.withGenerationRefresh(Duration.ZERO));
        cache.put("k", "old");
        String before = cache.memcachedKey("k");
        client.delete("test:lost:gen");
        assertThat(cache.get("k")).isNull();
        assertThat(cache.memcachedKey("k")).isNotEqualTo(before);
    }

    @Test
    void getWithLoaderLoadsOnceAndWrapsItsFailure() {
        MemcachedCache cache = new MemcachedCache("load", client, config);
        AtomicInteger calls = new AtomicInteger();
        assertThat(cache.get("k", () -> "v" + calls.incrementAndGet())).isEqualTo("v1");
        assertThat(cache.get("k", () -> "v" + calls.incrementAndGet())).isEqualTo("v1");
        assertThat(calls).hasValue(1);

        IOException boom = new IOException("backend down");
        assertThatThrownBy(() -> cache.get("bad", () -> {
                    throw boom;
                }))
                .isInstanceOf(ValueRetrievalException.class)
                .hasCause(boom);
        IllegalStateException unchecked = new IllegalStateException("bug");
        assertThatThrownBy(() -> cache.get("bad", () -> {
                    throw unchecked;
                }))
                .isInstanceOf(ValueRetrievalException.class)
                .hasCause(unchecked);
        assertThat(cache.get("bad")).isNull();
        Object loadedNull = cache.get("nullable", () -> null);
        assertThat(loadedNull).isNull();
        assertThat(cache.get("nullable")).isNotNull();
    }

    @Test
    void retrieveOverTheAsyncClient() throws Exception {
        MemcachedCache cache = new MemcachedCache("async", client, config);
        assertThat(cache.retrieve("k").get(5, TimeUnit.SECONDS)).isNull();
        cache.put("k", "v");
        assertThat(((Cache.ValueWrapper) cache.retrieve("k").get(5, TimeUnit.SECONDS)).get())
                .isEqualTo("v");
        MemcachedCache strict = new MemcachedCache("async", client, config.withNullValues(false));
        assertThat(strict.retrieve("k").get(5, TimeUnit.SECONDS)).isEqualTo("v");

        AtomicInteger calls = new AtomicInteger();
        CompletableFuture<String> first =
                cache.retrieve("loaded", () -> CompletableFuture.supplyAsync(() -> "l" + calls.incrementAndGet()));
        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("l1");
        assertThat(cache.retrieve("loaded", () -> CompletableFuture.completedFuture("other"))
                        .get(5, TimeUnit.SECONDS))
                .isEqualTo("l1");

        IOException boom = new IOException("backend down");
        CompletableFuture<String> failed = cache.retrieve("bad", () -> CompletableFuture.failedFuture(boom));
        assertThatThrownBy(() -> failed.get(5, TimeUnit.SECONDS)).hasCause(boom);
        assertThat(cache.retrieve("bad").get(5, TimeUnit.SECONDS)).isNull();
    }

    @Test
    void entriesExpireAfterTheirTtl() throws InterruptedException {
        MemcachedCache cache = new MemcachedCache("ttl", client, config.withTtl(Duration.ofSeconds(1)));
        cache.put("k", "v");
        assertThat(cache.get("k")).isNotNull();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (cache.get("k") != null) {
            assertThat(System.nanoTime()).as("entry still there after 10 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @Test
    void foreignBytesUnderACacheKeyGiveAClearError() {
        MemcachedCache cache = new MemcachedCache("foreign", client, config);
        client.set(cache.memcachedKey("k"), "written by someone else".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> cache.get("k")).isInstanceOf(UndecodableValue.class);
        client.set(cache.memcachedKey("k2"), "V[\"java.lang.ProcessBuilder\",{}]".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> cache.get("k2"))
                .isInstanceOf(UndecodableValue.class)
                .hasMessageContaining("java.lang.ProcessBuilder");
    }
}
