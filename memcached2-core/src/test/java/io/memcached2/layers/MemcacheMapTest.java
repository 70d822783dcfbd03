package io.memcached2.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memcached2.Memcache;
import io.memcached2.Transcoders;
import io.memcached2.testkit.MemcachedExtension;
import io.memcached2.testkit.MemcachedServer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The map view: each method against a real server, and the ConcurrentMap defaults built on them. */
@ExtendWith(MemcachedExtension.class)
class MemcacheMapTest {

    @Test
    void getPutAndContainsKey(MemcachedServer server) {
        try (Memcache<String> mc = Clients.strings(server)) {
            ConcurrentMap<String, String> map = mc.asMap();

            assertThat(map.get("k")).isNull();
            assertThat(map.containsKey("k")).isFalse();
            assertThat(map.put("k", "v1")).isNull();
            assertThat(map.put("k", "v2")).isEqualTo("v1");
            assertThat(map.get("k")).isEqualTo("v2");
            assertThat(map.containsKey("k")).isTrue();
            assertThat(mc.get("k")).isEqualTo("v2");
        }
    }

    @Test
    void keysThatAreNotStringsAreAbsentAndNullsAreRefused(MemcachedServer server) {
        try (Memcache<String> mc = Clients.strings(server)) {
            ConcurrentMap<String, String> map = mc.asMap();
            mc.set("42", "v");

            assertThat(map.get(42)).isNull();
            assertThat(map.containsKey(42)).isFalse();
            assertThat(map.remove(42)).isNull();
            assertThat(map.remove(42, "v")).isFalse();
            assertThat(mc.get("42")).isEqualTo("v");
            assertThatThrownBy(() -> map.get(null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> map.put("k", null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> map.putIfAbsent("k", null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> map.get("k".repeat(251))).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void removeReturnsThePreviousValue(MemcachedServer server) {
        try (Memcache<String> mc = Clients.strings(server)) {
            ConcurrentMap<String, String> map = mc.asMap();
            mc.set("k", "v");

            assertThat(map.remove("k")).isEqualTo("v");
            assertThat(map.remove("k")).isNull();
            assertThat(map.get("k")).isNull();
        }
    }

    @Test
    void putIfAbsentIsAdd(MemcachedServer server) {
        try (Memcache<String> mc = Clients.strings(server)) {
            ConcurrentMap<String, String> map = mc.asMap();

            assertThat(map.putIfAbsent("k", "first")).isNull();
            assertThat(map.putIfAbsent("k", "second")).isEqualTo("first");
            assertThat(map.get("k")).isEqualTo("first");
        }
    }

    @Test
    void replaceStoresOnlyWhenPresent(MemcachedServer server) {
        try (Memcache<String> mc = Clients.strings(server)) {
            ConcurrentMap<String, String> map = mc.asMap();

            assertThat(map.replace("k", "v")).isNull();
            assertThat(map.containsKey("k")).isFalse();
            mc.set("k", "old");
            assertThat(map.replace("k", "new")).isEqualTo("old");
            assertThat(map.get("k")).isEqualTo("new");
        }
    }

    @Test
    void conditionalReplaceAndRemoveCompareTheCurrentValue(MemcachedServer server) {
        try (Memcache<String> mc = Clients.strings(server)) {
            ConcurrentMap<String, String> map = mc.asMap();

            assertThat(map.replace("k", "a", "b")).as("absent").isFalse();
            assertThat(map.remove("k", "a")).as("absent").isFalse();
            mc.set("k", "a");
            assertThat(map.replace("k", "x", "b")).as("another value").isFalse();
            assertThat(map.get("k")).isEqualTo("a");
            assertThat(map.replace("k", "a", "b")).isTrue();
            assertThat(map.get("k")).isEqualTo("b");
            assertThat(map.remove("k", "a")).as("another value").isFalse();
            assertThat(map.get("k")).isEqualTo("b");
            assertThat(map.remove("k", "b")).isTrue();
            assertThat(map.containsKey("k")).isFalse();
        }
    }

    @Test
    void byteArrayValuesCompareByContent(MemcachedServer server) {
        try (Memcache<byte[]> mc =
                Memcache.builder(Transcoders.bytes()).servers(server.uri()).build()) {
            ConcurrentMap<String, byte[]> map = mc.asMap();
            mc.set("k", new byte[] {1, 2});

            assertThat(map.replace("k", new byte[] {1, 2}, new byte[] {3})).isTrue();
            assertThat(map.remove("k", new byte[] {3})).isTrue();
        }
    }

    @Test
    void sizeSumsCurrItemsAndClearFlushes(MemcachedServer server) {
        try (Memcache<String> mc = Clients.strings(server)) {
            ConcurrentMap<String, String> map = mc.asMap();
            assertThat(map.size()).isZero();
            assertThat(map.isEmpty()).isTrue();

            Map<String, String> entries = new LinkedHashMap<>();
            entries.put("a", "1");
            entries.put("b", "2");
            entries.put("c", "3");
            map.putAll(entries);
            assertThat(map.size()).isEqualTo(3);
            assertThat(map.isEmpty()).isFalse();
            assertThat(mc.getMulti(entries.keySet())).isEqualTo(entries);

            map.clear();
            assertThat(mc.getMulti(entries.keySet())).isEmpty();
        }
    }

    @Test
    void whatNeedsAListOfKeysIsUnsupported(MemcachedServer server) {
        try (Memcache<String> mc = Clients.strings(server)) {
            ConcurrentMap<String, String> map = mc.asMap();
            // a copy of a map whose size is 0 never asks for its entries
            mc.set("k", "v");

            List<ThrowingCallable> listings = List.of(
                    map::keySet,
                    map::values,
                    map::entrySet,
                    () -> map.forEach((k, v) -> {}),
                    () -> map.replaceAll((k, v) -> v),
                    () -> map.containsValue("v"),
                    () -> new HashMap<>(map));
            for (ThrowingCallable listing : listings) {
                assertThatThrownBy(listing)
                        .isInstanceOf(UnsupportedOperationException.class)
                        .hasMessageContaining("memcached cannot list its keys");
            }
        }
    }

    @Test
    void equalityIsIdentity(MemcachedServer server) {
        try (Memcache<String> mc = Clients.strings(server)) {
            ConcurrentMap<String, String> map = mc.asMap();

            assertThat(map).isEqualTo(map);
            assertThat(map).isNotEqualTo(mc.asMap());
            assertThat(map.equals(new HashMap<>())).isFalse();
            assertThat(map.hashCode()).isEqualTo(System.identityHashCode(map));
        }
    }

    @Test
    void getOrDefaultAndComputeIfAbsent(MemcachedServer server) {
        try (Memcache<String> mc = Clients.strings(server)) {
            ConcurrentMap<String, String> map = mc.asMap();
            AtomicInteger calls = new AtomicInteger();

            assertThat(map.getOrDefault("k", "default")).isEqualTo("default");
            assertThat(map.computeIfAbsent("k", k -> "computed-" + calls.incrementAndGet()))
                    .isEqualTo("computed-1");
            assertThat(map.computeIfAbsent("k", k -> "computed-" + calls.incrementAndGet()))
                    .isEqualTo("computed-1");
            assertThat(map.getOrDefault("k", "default")).isEqualTo("computed-1");
            assertThat(map.computeIfAbsent("none", k -> null)).isNull();
            assertThat(map.containsKey("none")).isFalse();
            assertThat(calls).hasValue(1);
        }
    }

    @Test
    void computeAndComputeIfPresent(MemcachedServer server) {
        try (Memcache<String> mc = Clients.strings(server)) {
            ConcurrentMap<String, String> map = mc.asMap();

            assertThat(map.computeIfPresent("k", (k, v) -> v + "!")).isNull();
            assertThat(map.containsKey("k")).isFalse();
            assertThat(map.compute("k", (k, v) -> v == null ? "1" : v + "1")).isEqualTo("1");
            assertThat(map.compute("k", (k, v) -> v == null ? "1" : v + "1")).isEqualTo("11");
            assertThat(map.computeIfPresent("k", (k, v) -> v + "!")).isEqualTo("11!");
            assertThat(map.get("k")).isEqualTo("11!");
            assertThat(map.computeIfPresent("k", (k, v) -> null)).isNull();
            assertThat(map.containsKey("k")).isFalse();
            assertThat(map.compute("k", (k, v) -> "again")).isEqualTo("again");
            assertThat(map.compute("k", (k, v) -> null)).isNull();
            assertThat(map.containsKey("k")).isFalse();
        }
    }

    @Test
    void merge(MemcachedServer server) {
        try (Memcache<Long> mc = Clients.longs(server)) {
            ConcurrentMap<String, Long> map = mc.asMap();

            assertThat(map.merge("n", 5L, Long::sum)).isEqualTo(5L);
            assertThat(map.merge("n", 3L, Long::sum)).isEqualTo(8L);
            assertThat(mc.get("n")).isEqualTo(8L);
            assertThat(map.merge("n", 1L, (a, b) -> null)).isNull();
            assertThat(map.containsKey("n")).isFalse();
        }
    }
}
