package io.memcached2.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memcached2.Item;
import io.memcached2.Memcache;
import io.memcached2.NoValue;
import io.memcached2.Protocol;
import io.memcached2.testkit.MemcachedExtension;
import io.memcached2.testkit.MemcachedServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** get, gets, gat, gats, getMulti and getsMulti against a real memcached, in both protocols: hits, misses, keys. */
@ExtendWith(MemcachedExtension.class)
class RetrievalTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"META", "TEXT", "BINARY"})
    void getHitAndMiss(Protocol protocol, MemcachedServer server) {
        try (Memcache<String> mc = Support.client(protocol, server.uri())) {
            mc.set("k", "value of k");
            assertThat(mc.get("k")).isEqualTo("value of k");
            assertThatThrownBy(() -> mc.get("absent")).isSameAs(NoValue.INSTANCE);
            assertThat(Support.valueOf(mc.async().get("k"), WAIT)).isEqualTo("value of k");
            assertThat(Support.valueOf(mc.async().get("absent"), WAIT)).isNull();
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"META", "TEXT", "BINARY"})
    void emptyAndBinarySafeValues(Protocol protocol, MemcachedServer server) {
        try (Memcache<String> mc = Support.client(protocol, server.uri())) {
            mc.set("empty", "");
            assertThat(mc.get("empty")).isEmpty();
            String tricky = "line1\r\nEND\r\nVALUE x 0 1\r\nmn\r\nVA 2\r\n\u00e9\u65e5";
            mc.set("tricky", tricky);
            assertThat(mc.get("tricky")).isEqualTo(tricky);
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"META", "TEXT", "BINARY"})
    void getsReturnsKeyFlagsAndCas(Protocol protocol, MemcachedServer server) {
        try (Memcache<String> mc = Support.client(protocol, server.uri())) {
            mc.set("k", "v1");
            Item<String> first = mc.gets("k");
            assertThat(first.key()).isEqualTo("k");
            assertThat(first.value()).isEqualTo("v1");
            assertThat(first.cas()).isNotZero();
            mc.set("k", "v2");
            Item<String> second = mc.gets("k");
            assertThat(second.value()).isEqualTo("v2");
            assertThat(second.cas()).isNotEqualTo(first.cas());
            assertThatThrownBy(() -> mc.gets("absent")).isSameAs(NoValue.INSTANCE);
            assertThat(Support.valueOf(mc.async().gets("absent"), WAIT)).isNull();
            assertThat(Support.valueOf(mc.async().gets("k"), WAIT).cas()).isEqualTo(second.cas());
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"META", "TEXT", "BINARY"})
    void gatAndGatsHitMissAndTouch(Protocol protocol, MemcachedServer server) {
        try (Memcache<String> mc = Support.client(protocol, server.uri())) {
            mc.set("k", "v");
            assertThat(mc.gat("k", Duration.ofMinutes(5))).isEqualTo("v");
            Item<String> it = mc.gats("k", Duration.ofMinutes(5));
            assertThat(it.value()).isEqualTo("v");
            assertThat(it.cas()).isNotZero();
            assertThatThrownBy(() -> mc.gat("absent", Duration.ofMinutes(1))).isSameAs(NoValue.INSTANCE);
            assertThatThrownBy(() -> mc.gats("absent", Duration.ofMinutes(1))).isSameAs(NoValue.INSTANCE);
            assertThat(Support.valueOf(mc.async().gat("absent", Duration.ofMinutes(1)), WAIT))
                    .isNull();
            assertThat(Support.valueOf(mc.async().gats("absent", Duration.ofMinutes(1)), WAIT))
                    .isNull();
            // gat really sets the TTL: one second, then the item goes away
            mc.set("short", "lived");
            assertThat(mc.gat("short", Duration.ofSeconds(1))).isEqualTo("lived");
            Support.await(
                    "item touched by gat to expire",
                    Duration.ofSeconds(5),
                    () -> Support.thrownBy(() -> mc.get("short")) == NoValue.INSTANCE);
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"META", "TEXT", "BINARY"})
    void getMultiHitsMissesAndDuplicates(Protocol protocol, MemcachedServer server) {
        try (Memcache<String> mc = Support.client(protocol, server.uri())) {
            mc.set("a", "A");
            mc.set("c", "C");
            Map<String, String> hits = mc.getMulti(List.of("a", "b", "c", "a", "d", "c"));
            assertThat(hits).containsExactly(Map.entry("a", "A"), Map.entry("c", "C"));
            assertThat(mc.getMulti(List.of("x", "y"))).isEmpty();
            assertThat(mc.getMulti(List.of())).isEmpty();
            Map<String, Item<String>> items = mc.getsMulti(List.of("c", "nope", "a", "c"));
            assertThat(items.keySet()).containsExactly("c", "a");
            assertThat(items.get("a").value()).isEqualTo("A");
            assertThat(items.get("a").key()).isEqualTo("a");
            assertThat(items.get("a").cas()).isNotZero().isEqualTo(mc.gets("a").cas());
            assertThat(Support.valueOf(mc.async().getMulti(List.of("a", "zz")), WAIT))
                    .containsOnlyKeys("a");
            assertThat(Support.valueOf(mc.async().getsMulti(List.of("zz", "c")), WAIT))
                    .containsOnlyKeys("c");
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"META", "TEXT", "BINARY"})
    void getMultiOfManyKeys(Protocol protocol, MemcachedServer server) {
        try (Memcache<String> mc = Support.client(protocol, server.uri())) {
            List<String> keys = new ArrayList<>();
            Map<String, String> expected = new LinkedHashMap<>();
            for (int i = 0; i < 500; i++) {
                String key = "many:" + i;
                keys.add(key);
                if (i % 3 != 0) {
                    mc.async().set(key, "value-of-" + key);
                    expected.put(key, "value-of-" + key);
                }
            }
            // the last async set is surely done once a blocking command behind it on the same connection answered
            mc.set("barrier", "x");
            Map<String, String> hits = mc.getMulti(keys);
            assertThat(hits).containsExactlyEntriesOf(expected);
            Map<String, Item<String>> items = mc.getsMulti(keys);
            assertThat(items).hasSize(expected.size());
            items.forEach((k, it) -> {
                assertThat(it.key()).isEqualTo(k);
                assertThat(it.value()).isEqualTo("value-of-" + k);
            });
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"META", "TEXT", "BINARY"})
    void getMultiOverSeveralServersMergesInTheOrderGiven(
            Protocol protocol, @io.memcached2.testkit.MemcachedServers(count = 3) List<MemcachedServer> servers) {
        List<String> uris = new ArrayList<>();
        servers.forEach(s -> uris.add(s.uri()));
        try (Memcache<String> mc =
                Memcache.builder().servers(uris).protocol(protocol).build()) {
            List<String> keys = new ArrayList<>();
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 299; i >= 0; i--) {
                keys.add("spread:" + i);
                values.put("spread:" + i, "v" + i);
            }
            assertThat(mc.setMulti(values).values()).allMatch(io.memcached2.StoreResult::stored);
            List<io.memcached2.ServerStats> stats = mc.stats();
            assertThat(stats).hasSize(3);
            // where keys land is the selector's business (Selectors.ketama() is still a first-server placeholder);
            // this test checks only that the per-server parts merge back complete and in order
            long total = 0;
            for (io.memcached2.ServerStats s : stats) {
                total += s.currItems();
            }
            assertThat(total).isEqualTo(300);
            List<String> asked = new ArrayList<>(keys);
            asked.add(150, "missing");
            assertThat(mc.getMulti(asked)).containsExactlyEntriesOf(values);
            Map<String, Item<String>> items = mc.getsMulti(asked);
            assertThat(items.keySet()).containsExactlyElementsOf(keys);
            assertThat(mc.deleteMulti(keys).values()).containsOnly(true);
            assertThat(mc.getMulti(keys)).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"META", "TEXT", "BINARY"})
    void utf8Keys(Protocol protocol, MemcachedServer server) {
        try (Memcache<String> mc = Support.client(protocol, server.uri())) {
            String key = "cl\u00e9-\u043a\u043b\u044e\u0447-\u65e5\u672c-\ud83d\ude00";
            mc.set(key, "unicode");
            assertThat(mc.get(key)).isEqualTo("unicode");
            assertThat(mc.gets(key).key()).isEqualTo(key);
            assertThat(mc.getMulti(List.of(key, "plain"))).containsExactly(Map.entry(key, "unicode"));
            // 250 bytes of UTF-8 is the longest key
            String longest = "\u00e9".repeat(125);
            mc.set(longest, "longest");
            assertThat(mc.get(longest)).isEqualTo("longest");
        }
    }

    @Test
    void keysWithSpacesAndControlCharactersTravelBase64InMeta(MemcachedServer server) {
        try (Memcache<String> mc = Support.client(Protocol.META, server.uri())) {
            List<String> keys = List.of(
                    "a b",
                    "tab\there",
                    "cr\rlf\nkey",
                    "nul\u0000",
                    "del\u007f",
                    "c1\u0085",
                    " lead",
                    "trail ",
                    "get x\r\nset y 0 0 1");
            for (String key : keys) {
                mc.set(key, "v:" + key);
            }
            for (String key : keys) {
                assertThat(mc.get(key)).as("key %s", key).isEqualTo("v:" + key);
                assertThat(mc.gets(key).key()).isEqualTo(key);
            }
            Map<String, String> hits = mc.getMulti(keys);
            assertThat(hits.keySet()).containsExactlyElementsOf(keys);
            hits.forEach((k, v) -> assertThat(v).isEqualTo("v:" + k));
            assertThat(mc.delete("a b")).isTrue();
            assertThatThrownBy(() -> mc.get("a b")).isSameAs(NoValue.INSTANCE);
            // they are distinct from their look-alikes
            assertThatThrownBy(() -> mc.get("ab")).isSameAs(NoValue.INSTANCE);
            // the limit for such keys is 186 bytes (250 base64 characters)
            String key186 = " ".repeat(186);
            mc.set(key186, "spaces");
            assertThat(mc.get(key186)).isEqualTo("spaces");
            assertThatThrownBy(() -> mc.get(" ".repeat(187)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("186");
        }
    }

    @Test
    void keysWithSpacesAndControlCharactersAreRefusedInText(MemcachedServer server) {
        try (Memcache<String> mc = Support.client(Protocol.TEXT, server.uri())) {
            for (String key : List.of("a b", "tab\there", "cr\rkey", "lf\nkey", "nul\u0000", "del\u007f")) {
                assertThatThrownBy(() -> mc.get(key))
                        .as("get %s", key)
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining(key.substring(0, 2));
                assertThatThrownBy(() -> mc.set(key, "v")).isInstanceOf(IllegalArgumentException.class);
                assertThatThrownBy(() -> mc.getMulti(List.of("fine", key)))
                        .isInstanceOf(IllegalArgumentException.class);
                assertThatThrownBy(() -> mc.async().get(key)).isInstanceOf(IllegalArgumentException.class);
            }
            // nothing was stored under a mangled key, and the connection is fine
            mc.set("fine", "ok");
            assertThat(mc.get("fine")).isEqualTo("ok");
            assertThat(mc.stats().get(0).currItems()).isEqualTo(1);
        }
    }
}
