package io.memcached2.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.memcached2.CASFailure;
import io.memcached2.CASRefreshFailure;
import io.memcached2.Memcache;
import io.memcached2.NoValue;
import io.memcached2.NotFound;
import io.memcached2.Protocol;
import io.memcached2.Reconnectors;
import io.memcached2.Store;
import io.memcached2.Value;
import io.memcached2.testkit.FaultProxy;
import io.memcached2.testkit.MemcachedExtension;
import io.memcached2.testkit.MemcachedServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Value wrappers: reading, CAS stores and deletes, the one-use CAS unique, refresh, and the refusal rules. */
@ExtendWith(MemcachedExtension.class)
class ValueTest {
    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Test
    void carriesKeyValueFlagsAndCas(MemcachedServer server) {
        try (Memcache<String> mc = Clients.strings(server)) {
            mc.set("k", "v", Store.ttl(MINUTE).flags(5));

            Value<String> v = mc.value("k");
            assertThat(v.key()).isEqualTo("k");
            assertThat(v.value()).isEqualTo("v");
            assertThat(v.flags()).isEqualTo(5);
            assertThat(v.cas()).isEqualTo(mc.gets("k").cas()).isNotZero();
            assertThat(v.hasCas()).isTrue();
            assertThat(v.asMap())
                    .containsExactly(
                            entry("key", "k"), entry("value", "v"), entry("flags", 5), entry("cas_unique", v.cas()));
            assertThat(v.toString()).contains("k", "v");

            Value<String> plain = v.withoutCas();
            assertThat(plain.hasCas()).isFalse();
            assertThat(plain.cas()).isZero();
            assertThat(plain.value()).isEqualTo("v");
            assertThat(plain.asMap()).containsEntry("cas_unique", null).containsEntry("flags", 5);
            assertThatThrownBy(() -> mc.value("absent")).isSameAs(NoValue.INSTANCE);
        }
    }

    @Test
    void setIsACasStoreThatFailsWhenTheItemChangedOrVanished(MemcachedServer server) {
        try (Memcache<String> mc = Clients.strings(server)) {
            mc.set("k", "v1");
            Value<String> v = mc.value("k");
            v.set("v2", Store.ttl(MINUTE));
            assertThat(mc.get("k")).isEqualTo("v2");

            Value<String> stale = mc.value("k");
            mc.set("k", "by another writer");
            assertThatThrownBy(() -> stale.set("lost")).isInstanceOf(CASFailure.class);
            Value<String> gone = mc.value("k");
            mc.delete("k");
            assertThatThrownBy(() -> gone.set("lost")).isInstanceOf(NotFound.class);
            assertThat(mc.async().get("k").join()).isNull();
        }
    }

    @Test
    void aUsedCasFailsAgainWithoutAskingTheServer(MemcachedServer server) {
        try (Memcache<String> mc = Clients.ready(Clients.troubled(server).build())) {
            mc.set("k", "v1");
            mc.set("d", "v1");
            Value<String> v = mc.value("k");
            Value<String> d = mc.value("d");
            v.set("v2");
            assertThat(d.delete()).isTrue();
            server.kill();

            assertThatThrownBy(() -> v.set("v3"))
                    .isExactlyInstanceOf(CASFailure.class)
                    .hasMessageContaining("already used");
            assertThatThrownBy(d::delete).isExactlyInstanceOf(CASFailure.class).hasMessageContaining("already used");
        }
    }

    @Test
    void aCasIsUsedOnceAmongRacingThreads(MemcachedServer server) throws Exception {
        int threads = 8;
        try (Memcache<String> mc = Clients.strings(server)) {
            mc.set("k", "start");
            Value<String> v = mc.value("k");
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Boolean>> stored = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    String mine = "thread-" + i;
                    stored.add(pool.submit(() -> {
                        start.await();
                        try {
                            v.set(mine);
                            return true;
                        } catch (CASFailure used) {
                            return false;
                        }
                    }));
                }
                start.countDown();
                List<Boolean> outcomes = new ArrayList<>();
                for (Future<Boolean> f : stored) {
                    outcomes.add(f.get(30, TimeUnit.SECONDS));
                }
                assertThat(outcomes).containsOnlyOnce(true);
                assertThat(mc.get("k")).isEqualTo("thread-" + outcomes.indexOf(true));
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aNullValueIsRefusedWithoutUsingTheCas(MemcachedServer server) {
        try (Memcache<String> mc = Clients.strings(server)) {
            mc.set("k", "v1");
            Value<String> v = mc.value("k");

            assertThatThrownBy(() -> v.set(null)).isInstanceOf(NullPointerException.class);
            v.set("v2");
            assertThat(mc.get("k")).isEqualTo("v2");
        }
    }

    @Test
    void setAndRefreshReadsBackANewCas(MemcachedServer server) {
        try (Memcache<String> mc = Clients.strings(server)) {
            mc.set("k", "v1");
            Value<String> v = mc.value("k");

            Value<String> refreshed = v.setAndRefresh("v2");
            assertThat(refreshed.value()).isEqualTo("v2");
            assertThat(refreshed.cas())
                    .isNotZero()
                    .isNotEqualTo(v.cas())
                    .isEqualTo(mc.gets("k").cas());
            Value<String> again = refreshed.setAndRefresh("v3", Store.ttl(MINUTE));
            assertThat(again.value()).isEqualTo("v3");
            assertThatThrownBy(() -> refreshed.set("v4")).hasMessageContaining("already used");

            Value<String> fromPlain = again.withoutCas().setAndRefresh("v5");
            assertThat(fromPlain.hasCas()).isTrue();
            assertThat(fromPlain.value()).isEqualTo("v5");
        }
    }

    @Test
    void aFailedReadBackIsACasRefreshFailure(MemcachedServer server) {
        try (FaultProxy proxy = FaultProxy.to(server);
                Memcache<String> mc = Clients.ready(Clients.troubled(proxy.uri())
                        .protocol(Protocol.TEXT)
                        .reconnector(Reconnectors.timed(Duration.ofSeconds(30)))
                        .build());
                Memcache<String> direct = Clients.strings(server)) {
            mc.set("k", "v1");
            Value<String> v = mc.value("k");
            proxy.truncateNext("STORED\r\n".length());
            // the lost connection is replaced at once; refusing the new one makes the read-back fail for sure
            proxy.refuseConnections(true);

            assertThatThrownBy(() -> v.setAndRefresh("v2"))
                    .isInstanceOf(CASRefreshFailure.class)
                    .hasMessageContaining("reading back");
            assertThat(direct.get("k")).as("the store itself succeeded").isEqualTo("v2");
        }
    }

    @Test
    void aValueWithACasRefusesWhatCannotHonourIt(MemcachedServer server) {
        try (Memcache<String> mc = Clients.strings(server)) {
            mc.set("n", "10");
            Value<String> v = mc.value("n");

            List<ThrowingCallable> refused = List.of(
                    () -> v.append("0"),
                    () -> v.prepend("1"),
                    () -> v.incr(1),
                    () -> v.decr(1),
                    () -> v.touch(MINUTE),
                    v::deleteAll);
            for (ThrowingCallable command : refused) {
                assertThatThrownBy(command)
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("withoutCas()");
            }
            assertThat(mc.get("n")).isEqualTo("10");
            v.set("11");
            assertThat(mc.get("n")).as("the refusals did not use the CAS").isEqualTo("11");
        }
    }

    @Test
    void withoutCasTheCommandsActOnTheKey(MemcachedServer server) {
        try (Memcache<String> mc = Clients.strings(server)) {
            mc.set("n", "10");
            Value<String> v = mc.value("n").withoutCas();

            assertThat(v.incr(5)).isEqualTo(15);
            assertThat(v.decr(3)).isEqualTo(12);
            v.append("0");
            v.prepend("1");
            assertThat(mc.get("n")).isEqualTo("1120");
            v.touch(MINUTE);
            v.set("plain");
            v.set("plain again");
            assertThat(mc.get("n")).isEqualTo("plain again");
            assertThat(v.deleteAll()).isTrue();
            assertThat(v.delete()).isFalse();
            assertThatThrownBy(() -> v.touch(MINUTE)).isInstanceOf(NotFound.class);
        }
    }

    @Test
    void deleteUsesTheCas(MemcachedServer server) {
        try (Memcache<String> mc = Clients.strings(server)) {
            mc.set("k", "v");
            Value<String> changed = mc.value("k");
            mc.set("k", "by another writer");
            assertThatThrownBy(changed::delete).isInstanceOf(CASFailure.class);

            Value<String> current = mc.value("k");
            assertThat(current.delete()).isTrue();
            assertThat(mc.async().get("k").join()).isNull();
            mc.set("k", "v");
            Value<String> vanishing = mc.value("k");
            mc.delete("k");
            assertThat(vanishing.delete()).isFalse();
        }
    }
}
