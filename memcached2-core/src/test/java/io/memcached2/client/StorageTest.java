package io.memcached2.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memcached2.CASFailure;
import io.memcached2.Item;
import io.memcached2.Memcache;
import io.memcached2.MultiStorageException;
import io.memcached2.NoValue;
import io.memcached2.NotFound;
import io.memcached2.NotStored;
import io.memcached2.Protocol;
import io.memcached2.ServerError;
import io.memcached2.Store;
import io.memcached2.StoreResult;
import io.memcached2.Transcoders;
import io.memcached2.testkit.MemcachedConfig;
import io.memcached2.testkit.MemcachedExtension;
import io.memcached2.testkit.MemcachedServer;
import io.memcached2.testkit.MemcachedServers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Storage commands and their every outcome against a real memcached, in both protocols. */
@ExtendWith(MemcachedExtension.class)
class StorageTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"META", "TEXT", "BINARY"})
    void setAddReplaceAppendPrepend(Protocol protocol, MemcachedServer server) {
        try (Memcache<String> mc = Support.client(protocol, server.uri())) {
            mc.set("k", "one");
            mc.set("k", "two");
            assertThat(mc.get("k")).isEqualTo("two");

            assertThatThrownBy(() -> mc.add("k", "three"))
                    .isInstanceOf(NotStored.class)
                    .hasMessageContaining("k");
            assertThat(mc.get("k")).isEqualTo("two");
            mc.add("new", "added");
            assertThat(mc.get("new")).isEqualTo("added");

            mc.replace("k", "replaced");
            assertThat(mc.get("k")).isEqualTo("replaced");
            assertThatThrownBy(() -> mc.replace("absent", "x")).isInstanceOf(NotStored.class);
            assertThatThrownBy(() -> mc.get("absent")).isSameAs(NoValue.INSTANCE);

            mc.append("k", "-tail");
            mc.prepend("k", "head-");
            assertThat(mc.get("k")).isEqualTo("head-replaced-tail");
            assertThatThrownBy(() -> mc.append("absent", "x")).isInstanceOf(NotStored.class);
            assertThatThrownBy(() -> mc.prepend("absent", "x")).isInstanceOf(NotStored.class);
            assertThatThrownBy(() -> mc.get("absent")).isSameAs(NoValue.INSTANCE);

            // the asynchronous twins report the same outcomes
            assertThat(Support.failureOf(mc.async().add("k", "x"), WAIT)).isInstanceOf(NotStored.class);
            assertThat(Support.failureOf(mc.async().replace("absent", "x"), WAIT))
                    .isInstanceOf(NotStored.class);
            assertThat(Support.failureOf(mc.async().append("absent", "x"), WAIT))
                    .isInstanceOf(NotStored.class);
            assertThat(Support.failureOf(mc.async().prepend("absent", "x"), WAIT))
                    .isInstanceOf(NotStored.class);
            Support.valueOf(mc.async().add("async-new", "y", Store.ttl(Duration.ofMinutes(1))), WAIT);
            Support.valueOf(mc.async().replace("async-new", "z", Store.ttl(Duration.ofMinutes(1))), WAIT);
            assertThat(mc.get("async-new")).isEqualTo("z");
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"META", "TEXT", "BINARY"})
    void casStoredFailureAndNotFound(Protocol protocol, MemcachedServer server) {
        try (Memcache<String> mc = Support.client(protocol, server.uri())) {
            mc.set("k", "v1");
            Item<String> it = mc.gets("k");
            mc.cas("k", "v2", it.cas());
            assertThat(mc.get("k")).isEqualTo("v2");

            // the CAS unique was consumed by the successful store
            assertThatThrownBy(() -> mc.cas("k", "v3", it.cas())).isInstanceOf(CASFailure.class);
            assertThat(mc.get("k")).isEqualTo("v2");

            Item<String> now = mc.gets("k");
            mc.set("k", "changed behind our back");
            assertThat(Support.failureOf(mc.async().cas("k", "v4", now.cas()), WAIT))
                    .isInstanceOf(CASFailure.class);

            Item<String> before = mc.gets("k");
            mc.delete("k");
            assertThatThrownBy(() -> mc.cas("k", "v5", before.cas())).isInstanceOf(NotFound.class);
            assertThatThrownBy(() -> mc.get("k")).isSameAs(NoValue.INSTANCE);

            mc.set("k", "again");
            mc.cas("k", "with options", mc.gets("k").cas(), Store.ttl(Duration.ofMinutes(5)));
            assertThat(mc.get("k")).isEqualTo("with options");
            assertThatThrownBy(() -> mc.cas("k", "x", 0)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"META", "TEXT", "BINARY"})
    void deleteTrueAndFalse(Protocol protocol, MemcachedServer server) {
        try (Memcache<String> mc = Support.client(protocol, server.uri())) {
            mc.set("k", "v");
            assertThat(mc.delete("k")).isTrue();
            assertThat(mc.delete("k")).isFalse();
            assertThatThrownBy(() -> mc.get("k")).isSameAs(NoValue.INSTANCE);
            mc.set("k", "v");
            assertThat(Support.valueOf(mc.async().delete("k"), WAIT)).isTrue();
            assertThat(Support.valueOf(mc.async().delete("k"), WAIT)).isFalse();
        }
    }

    @Test
    void deleteWithCasInMeta(MemcachedServer server) {
        try (Memcache<String> mc = Support.client(Protocol.META, server.uri())) {
            mc.set("k", "v1");
            long old = mc.gets("k").cas();
            mc.set("k", "v2");
            assertThatThrownBy(() -> mc.delete("k", old)).isInstanceOf(CASFailure.class);
            assertThat(mc.get("k")).isEqualTo("v2");
            assertThat(Support.failureOf(mc.async().delete("k", old), WAIT)).isInstanceOf(CASFailure.class);
            long current = mc.gets("k").cas();
            assertThat(mc.delete("k", current)).isTrue();
            assertThatThrownBy(() -> mc.get("k")).isSameAs(NoValue.INSTANCE);
            assertThat(mc.delete("k", current)).isFalse();
        }
    }

    @Test
    void deleteWithCasIsRefusedInText(MemcachedServer server) {
        try (Memcache<String> mc = Support.client(Protocol.TEXT, server.uri())) {
            mc.set("k", "v");
            long cas = mc.gets("k").cas();
            assertThatThrownBy(() -> mc.delete("k", cas))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("meta");
            assertThat(mc.get("k")).isEqualTo("v");
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"META", "TEXT", "BINARY"})
    void deleteMulti(Protocol protocol, MemcachedServer server) {
        try (Memcache<String> mc = Support.client(protocol, server.uri())) {
            mc.set("a", "1");
            mc.set("c", "3");
            Map<String, Boolean> r = mc.deleteMulti(List.of("a", "b", "c", "a"));
            assertThat(r).containsExactly(Map.entry("a", true), Map.entry("b", false), Map.entry("c", true));
            assertThat(mc.getMulti(List.of("a", "b", "c"))).isEmpty();
            assertThat(mc.deleteMulti(List.of())).isEmpty();
        }
    }

    @Test
    void deleteAllRemovesTheKeyFromEveryServer(@MemcachedServers(count = 3) List<MemcachedServer> servers) {
        List<String> uris = new ArrayList<>();
        for (MemcachedServer s : servers) {
            uris.add(s.uri());
            try (Memcache<String> single = Support.client(Protocol.META, s.uri())) {
                single.set("everywhere", "copy on " + s.port());
            }
        }
        try (Memcache<String> mc =
                Memcache.builder().servers(uris).protocol(Protocol.META).build()) {
            assertThat(mc.deleteAll("everywhere")).isTrue();
            assertThat(mc.deleteAll("everywhere")).isFalse();
            assertThat(Support.valueOf(mc.async().deleteAll("nowhere"), WAIT)).isFalse();
        }
        for (MemcachedServer s : servers) {
            try (Memcache<String> single = Support.client(Protocol.TEXT, s.uri())) {
                assertThatThrownBy(() -> single.get("everywhere")).isSameAs(NoValue.INSTANCE);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"META", "TEXT", "BINARY"})
    void touchOkNotFoundAndEffect(Protocol protocol, MemcachedServer server) {
        try (Memcache<String> mc = Support.client(protocol, server.uri())) {
            mc.set("k", "v");
            mc.touch("k", Duration.ofMinutes(10));
            assertThat(mc.get("k")).isEqualTo("v");
            assertThatThrownBy(() -> mc.touch("absent", Duration.ofMinutes(1))).isInstanceOf(NotFound.class);
            assertThat(Support.failureOf(mc.async().touch("absent", Duration.ofMinutes(1)), WAIT))
                    .isInstanceOf(NotFound.class);
            mc.touch("k", Duration.ofSeconds(1));
            Support.await(
                    "touched item to expire",
                    Duration.ofSeconds(5),
                    () -> Support.thrownBy(() -> mc.get("k")) == NoValue.INSTANCE);
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"META", "TEXT", "BINARY"})
    void ttlOverThirtyDaysIsSentAsAbsoluteTime(Protocol protocol, MemcachedServer server) {
        try (Memcache<String> mc = Support.client(protocol, server.uri())) {
            // sent as a relative 31 days, memcached would read it as a Unix time in 1970 and expire it at once
            mc.set("k", "long lived", Store.ttl(Duration.ofDays(31)));
            assertThat(mc.get("k")).isEqualTo("long lived");
            mc.touch("k", Duration.ofDays(45));
            assertThat(mc.get("k")).isEqualTo("long lived");
            assertThat(mc.gat("k", Duration.ofDays(60))).isEqualTo("long lived");
            assertThat(mc.get("k")).isEqualTo("long lived");
            mc.set("exactly30", "v", Store.ttl(Duration.ofDays(30)));
            assertThat(mc.get("exactly30")).isEqualTo("v");
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"META", "TEXT", "BINARY"})
    void shortTtlExpires(Protocol protocol, MemcachedServer server) {
        try (Memcache<String> mc = Support.client(protocol, server.uri())) {
            mc.set("k", "v", Store.ttl(Duration.ofMillis(10))); // rounded up to 1 s, not 0 (= never)
            Support.await(
                    "1 s item to expire",
                    Duration.ofSeconds(5),
                    () -> Support.thrownBy(() -> mc.get("k")) == NoValue.INSTANCE);
        }
    }

    @Test
    void negativeTtlIsRefused(MemcachedServer server) {
        assertThatThrownBy(() -> Store.ttl(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Store.DEFAULT.expiring(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        try (Memcache<String> mc = Support.client(Protocol.META, server.uri())) {
            mc.set("k", "v");
            assertThatThrownBy(() -> mc.touch("k", Duration.ofSeconds(-5)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> mc.gat("k", Duration.ofSeconds(-5))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> mc.incr("n", 1, 0, Duration.ofSeconds(-5)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> mc.flushAll(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
            assertThat(mc.get("k")).isEqualTo("v");
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"META", "TEXT", "BINARY"})
    void flagsRoundTripIncludingHighBit(Protocol protocol, MemcachedServer server) {
        try (Memcache<byte[]> mc = Memcache.builder(Transcoders.bytes())
                .servers(server.uri())
                .protocol(protocol)
                .build()) {
            byte[] all = new byte[256];
            for (int i = 0; i < all.length; i++) {
                all[i] = (byte) i;
            }
            int[] flags = {0, 1, 0x7fffffff, 0x80000000, 0x80000005, 0xffffffff};
            for (int f : flags) {
                String key = "flags:" + Integer.toUnsignedString(f);
                mc.set(key, all, Store.ttl(Duration.ofMinutes(5)).flags(f));
                Item<byte[]> it = mc.gets(key);
                assertThat(it.flags())
                        .as("flags %s", Integer.toUnsignedString(f))
                        .isEqualTo(f);
                assertThat(it.value()).isEqualTo(all);
                assertThat(mc.getsMulti(List.of(key)).get(key).flags()).isEqualTo(f);
                assertThat(mc.gats(key, Duration.ofMinutes(5)).flags()).isEqualTo(f);
            }
            // append and prepend keep the flags
            mc.set("kept", new byte[] {1}, Store.DEFAULT.flags(0x90000000));
            mc.append("kept", new byte[] {2});
            mc.prepend("kept", new byte[] {0});
            Item<byte[]> kept = mc.gets("kept");
            assertThat(kept.flags()).isEqualTo(0x90000000);
            assertThat(kept.value()).containsExactly(0, 1, 2);
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"META", "TEXT", "BINARY"})
    void setMultiReportsEveryKey(Protocol protocol, MemcachedServer server) {
        try (Memcache<String> mc = Support.client(protocol, server.uri())) {
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 0; i < 50; i++) {
                values.put("multi:" + i, "v" + i);
            }
            Map<String, StoreResult> results = mc.setMulti(values);
            assertThat(results).hasSize(50).containsOnlyKeys(values.keySet());
            assertThat(results.values()).allMatch(StoreResult::stored);
            assertThat(mc.getMulti(values.keySet())).containsExactlyEntriesOf(values);

            Map<String, StoreResult> withOptions = Support.valueOf(
                    mc.async()
                            .setMulti(
                                    Map.of("o1", "x", "o2", "y"),
                                    Store.ttl(Duration.ofMinutes(1)).flags(0)),
                    WAIT);
            assertThat(withOptions)
                    .containsOnly(Map.entry("o1", StoreResult.STORED), Map.entry("o2", StoreResult.STORED));
            assertThat(mc.setMulti(Map.of())).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"META", "TEXT", "BINARY"})
    @MemcachedConfig(maxItemSize = 1024 * 1024)
    void setMultiWithOneRefusedValueThrowsWithEveryOutcome(Protocol protocol, MemcachedServer server) {
        try (Memcache<String> mc = Support.client(protocol, server.uri(), b -> b.maxItemSize(4 << 20))) {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("small1", "a");
            values.put("huge", "x".repeat(2 << 20));
            values.put("small2", "b");
            assertThatThrownBy(() -> mc.setMulti(values)).isInstanceOfSatisfying(MultiStorageException.class, e -> {
                assertThat(e.results())
                        .containsOnly(
                                Map.entry("small1", StoreResult.STORED),
                                Map.entry("huge", StoreResult.FAILED),
                                Map.entry("small2", StoreResult.STORED));
                assertThat(e.getCause()).isInstanceOf(ServerError.class);
            });
            assertThat(mc.getMulti(values.keySet())).containsOnlyKeys("small1", "small2");
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"META", "TEXT", "BINARY"})
    void valueOverTheClientsMaximumIsRefusedBeforeSending(Protocol protocol, MemcachedServer server) {
        try (Memcache<String> mc = Support.client(protocol, server.uri())) {
            long setsBefore = mc.stats().get(0).number("cmd_set");
            String tooBig = "x".repeat(1024 * 1024 + 1);
            assertThatThrownBy(() -> mc.set("big", tooBig))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("big")
                    .hasMessageContaining("1048576");
            assertThatThrownBy(() -> mc.async().set("big", tooBig)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> mc.setMulti(Map.of("big", tooBig))).isInstanceOf(IllegalArgumentException.class);
            assertThat(mc.stats().get(0).number("cmd_set")).isEqualTo(setsBefore);
            // just under the client's limit goes to the server (which may still refuse it: its own overhead counts)
            mc.set("fits", "y".repeat(512 * 1024));
            assertThat(mc.get("fits")).hasSize(512 * 1024);
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"META", "TEXT", "BINARY"})
    @MemcachedConfig(maxItemSize = 1024 * 1024)
    void valueOverTheServersMaximumIsAServerErrorAndTheConnectionStaysUsable(
            Protocol protocol, MemcachedServer server) {
        try (Memcache<String> mc = Support.client(protocol, server.uri(), b -> b.maxItemSize(4 << 20))) {
            mc.set("before", "1");
            String tooBig = "z".repeat(2 << 20);
            // "object too large for cache" in text and meta, "Too large." in binary
            assertThatThrownBy(() -> mc.set("big", tooBig))
                    .isInstanceOf(ServerError.class)
                    .satisfies(e -> assertThat(e.getMessage()).containsIgnoringCase("too large"));
            assertThat(Support.failureOf(mc.async().add("big2", tooBig), WAIT)).isInstanceOf(ServerError.class);
            assertThat(mc.get("before")).isEqualTo("1");
            mc.set("after", "2");
            assertThat(mc.getMulti(List.of("before", "big", "after"))).containsOnlyKeys("before", "after");
        }
    }
}
