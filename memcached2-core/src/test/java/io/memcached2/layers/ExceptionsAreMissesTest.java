package io.memcached2.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memcached2.ExceptionsAreMissesMemcache;
import io.memcached2.Item;
import io.memcached2.Memcache;
import io.memcached2.NonNumeric;
import io.memcached2.Store;
import io.memcached2.StoreResult;
import io.memcached2.testkit.MemcachedExtension;
import io.memcached2.testkit.MemcachedServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The exceptions-are-misses client against a healthy server: hits, misses and refusals. */
@ExtendWith(MemcachedExtension.class)
class ExceptionsAreMissesTest {
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final String TOO_LONG = "k".repeat(251);

    @Test
    void readsReturnValuesOnHitsAndNullOnMisses(MemcachedServer server) {
        try (Memcache<String> mc = Clients.strings(server)) {
            ExceptionsAreMissesMemcache<String> lax = mc.exceptionsAreMisses();
            assertThat(lax.errorsExposed()).isSameAs(mc);
            mc.set("k", "v");

            assertThat(lax.get("k")).isEqualTo("v");
            assertThat(lax.get("absent")).isNull();
            Item<String> item = lax.gets("k");
            assertThat(item.value()).isEqualTo("v");
            assertThat(item.cas()).isNotZero();
            assertThat(lax.gets("absent")).isNull();
            assertThat(lax.gat("k", MINUTE)).isEqualTo("v");
            assertThat(lax.gat("absent", MINUTE)).isNull();
            assertThat(lax.gats("k", MINUTE).value()).isEqualTo("v");
            assertThat(lax.gats("absent", MINUTE)).isNull();
        }
    }

    @Test
    void multiGetsReturnTheHits(MemcachedServer server) {
        try (Memcache<String> mc = Clients.strings(server)) {
            ExceptionsAreMissesMemcache<String> lax = mc.exceptionsAreMisses();
            mc.set("a", "1");
            mc.set("b", "2");

            assertThat(lax.getMulti(List.of("a", "absent", "b")))
                    .containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
            Map<String, Item<String>> items = lax.getsMulti(List.of("a", "absent"));
            assertThat(items).containsOnlyKeys("a");
            assertThat(items.get("a").cas()).isNotZero();
        }
    }

    @Test
    void storesReturnWhetherTheyTookEffect(MemcachedServer server) {
        try (Memcache<String> mc = Clients.strings(server)) {
            ExceptionsAreMissesMemcache<String> lax = mc.exceptionsAreMisses();

            assertThat(lax.set("k", "v")).isTrue();
            assertThat(lax.set("t", "v", Store.ttl(MINUTE).flags(7))).isTrue();
            assertThat(mc.gets("t").flags()).isEqualTo(7);
            assertThat(lax.add("k", "other")).isFalse();
            assertThat(lax.add("new", "v")).isTrue();
            assertThat(lax.add("new2", "v", Store.ttl(MINUTE))).isTrue();
            assertThat(lax.replace("absent", "v")).isFalse();
            assertThat(lax.replace("k", "w")).isTrue();
            assertThat(lax.replace("k", "x", Store.ttl(MINUTE))).isTrue();
            assertThat(lax.append("k", ">")).isTrue();
            assertThat(lax.prepend("k", "<")).isTrue();
            assertThat(lax.append("absent", ">")).isFalse();
            assertThat(lax.prepend("absent", "<")).isFalse();
            assertThat(mc.get("k")).isEqualTo("<x>");
        }
    }

    @Test
    void casStoresReturnFalseWhenTheItemChangedOrVanished(MemcachedServer server) {
        try (Memcache<String> mc = Clients.strings(server)) {
            ExceptionsAreMissesMemcache<String> lax = mc.exceptionsAreMisses();
            mc.set("k", "v1");
            long cas = mc.gets("k").cas();

            assertThat(lax.cas("k", "v2", cas)).isTrue();
            assertThat(lax.cas("k", "v3", cas)).as("stale CAS").isFalse();
            assertThat(lax.cas("k", "v3", cas, Store.ttl(MINUTE))).isFalse();
            long fresh = mc.gets("k").cas();
            assertThat(lax.cas("k", "v3", fresh, Store.ttl(MINUTE))).isTrue();
            mc.delete("k");
            assertThat(lax.cas("k", "v4", fresh)).as("gone").isFalse();
            assertThat(lax.get("k")).isNull();
        }
    }

    @Test
    void deletesAndTouchReturnWhetherTheKeyWasThere(MemcachedServer server) {
        try (Memcache<String> mc = Clients.strings(server)) {
            ExceptionsAreMissesMemcache<String> lax = mc.exceptionsAreMisses();
            mc.set("k", "v");

            assertThat(lax.touch("k", MINUTE)).isTrue();
            assertThat(lax.touch("absent", MINUTE)).isFalse();
            assertThat(lax.delete("k")).isTrue();
            assertThat(lax.delete("k")).isFalse();
            mc.set("k", "v");
            assertThat(lax.deleteAll("k")).isTrue();
            assertThat(lax.deleteAll("k")).isFalse();

            mc.set("c", "v");
            long cas = mc.gets("c").cas();
            mc.set("c", "changed");
            assertThat(lax.delete("c", cas)).as("stale CAS").isFalse();
            assertThat(lax.delete("c", mc.gets("c").cas())).isTrue();
            assertThat(lax.delete("c", cas)).as("gone").isFalse();
        }
    }

    @Test
    void countersReturnTheNewValueOrNull(MemcachedServer server) {
        try (Memcache<String> mc = Clients.strings(server)) {
            ExceptionsAreMissesMemcache<String> lax = mc.exceptionsAreMisses();
            mc.set("n", "10");

            assertThat(lax.incr("n", 5)).isEqualTo(15L);
            assertThat(lax.decr("n", 20)).isEqualTo(0L);
            assertThat(lax.incr("absent", 1)).isNull();
            assertThat(lax.decr("absent", 1)).isNull();
            assertThat(lax.incr("created", 2, 100, MINUTE)).isEqualTo(100L);
            assertThat(lax.incr("created", 2, 100, MINUTE)).isEqualTo(102L);
            assertThat(lax.decr("created2", 2, 50, MINUTE)).isEqualTo(50L);
            assertThat(lax.decr("created2", 2, 50, MINUTE)).isEqualTo(48L);
        }
    }

    @Test
    void setMultiReportsEveryKey(MemcachedServer server) {
        try (Memcache<String> mc = Clients.strings(server)) {
            ExceptionsAreMissesMemcache<String> lax = mc.exceptionsAreMisses();

            assertThat(lax.setMulti(Map.of("a", "1", "b", "2")))
                    .containsOnly(Map.entry("a", StoreResult.STORED), Map.entry("b", StoreResult.STORED));
            assertThat(lax.setMulti(Map.of("c", "3"), Store.ttl(MINUTE)))
                    .containsOnly(Map.entry("c", StoreResult.STORED));
            assertThat(mc.getMulti(List.of("a", "b", "c"))).hasSize(3);
        }
    }

    @Test
    void cacheLoadsOnAMissAndStores(MemcachedServer server) {
        try (Memcache<String> mc = Clients.strings(server)) {
            ExceptionsAreMissesMemcache<String> lax = mc.exceptionsAreMisses();
            AtomicInteger loads = new AtomicInteger();

            assertThat(lax.cache("page", k -> k + ":" + loads.incrementAndGet()))
                    .isEqualTo("page:1");
            assertThat(lax.cache("page", k -> k + ":" + loads.incrementAndGet()))
                    .isEqualTo("page:1");
            assertThat(lax.cache("ttl", k -> "t", Store.ttl(MINUTE))).isEqualTo("t");
            assertThat(loads).hasValue(1);
            assertThat(mc.get("page")).isEqualTo("page:1");
        }
    }

    @Test
    void flushAllEmptiesTheCache(MemcachedServer server) {
        try (Memcache<String> mc = Clients.strings(server)) {
            mc.set("k", "v");
            assertThat(mc.exceptionsAreMisses().flushAll()).isTrue();
            assertThat(mc.exceptionsAreMisses().get("k")).isNull();
        }
    }

    @Test
    void invalidateAndDeleteMultiReturnWhetherTheKeysWereThere(MemcachedServer server) {
        try (Memcache<String> mc = Clients.strings(server)) {
            ExceptionsAreMissesMemcache<String> lax = mc.exceptionsAreMisses();
            mc.set("k", "v");
            mc.set("a", "1");

            assertThat(lax.invalidate("k")).isTrue();
            assertThat(lax.invalidate("absent")).isFalse();
            assertThat(lax.deleteMulti(List.of("a", "absent")))
                    .containsExactly(Map.entry("a", true), Map.entry("absent", false));
            assertThat(mc.getMulti(List.of("a"))).isEmpty();
        }
    }

    @Test
    void flushAllWithADelayAndTheAdminCommandsAnswerPerServer(MemcachedServer server) {
        try (Memcache<String> mc = Clients.strings(server)) {
            ExceptionsAreMissesMemcache<String> lax = mc.exceptionsAreMisses();
            mc.set("k", "v");

            assertThat(lax.flushAll(Duration.ZERO)).isTrue();
            assertThat(lax.get("k")).isNull();
            assertThat(lax.stats())
                    .singleElement()
                    .satisfies(
                            s -> assertThat(s.server()).isEqualTo(mc.servers().get(0)));
            assertThat(lax.stats("settings"))
                    .singleElement()
                    .satisfies(s -> assertThat(s.get("maxconns")).isNotNull());
            assertThat(lax.version()).containsOnlyKeys(mc.servers().get(0));
            assertThat(lax.version().get(mc.servers().get(0))).isNotBlank();
            assertThatThrownBy(() -> lax.stats("bogus")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void programmingErrorsStillThrow(MemcachedServer server) {
        try (Memcache<String> mc = Clients.strings(server)) {
            ExceptionsAreMissesMemcache<String> lax = mc.exceptionsAreMisses();
            mc.set("text", "not a number");

            assertThatThrownBy(() -> lax.get(TOO_LONG)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> lax.getMulti(List.of("ok", TOO_LONG)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> lax.set(TOO_LONG, "v")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> lax.delete("")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> lax.set("k", null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> lax.cas("k", "v", 0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> lax.incr("text", 1)).isInstanceOf(NonNumeric.class);
            assertThatThrownBy(() -> lax.cache("k", key -> {
                        throw new IllegalStateException("loader bug");
                    }))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("loader bug");
            assertThatThrownBy(() -> lax.cache("k2", key -> null)).isInstanceOf(NullPointerException.class);
        }
    }
}
