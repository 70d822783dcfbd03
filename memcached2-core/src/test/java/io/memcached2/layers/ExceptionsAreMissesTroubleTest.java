package io.memcached2.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memcached2.ExceptionsAreMissesMemcache;
import io.memcached2.Memcache;
import io.memcached2.Overloaded;
import io.memcached2.ServerError;
import io.memcached2.ServerStats;
import io.memcached2.StoreResult;
import io.memcached2.testkit.FaultProxy;
import io.memcached2.testkit.MemcachedConfig;
import io.memcached2.testkit.MemcachedExtension;
import io.memcached2.testkit.MemcachedServer;
import io.memcached2.testsupport.LogCapture;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The exceptions-are-misses client when servers die, stall or never answer. */
@ExtendWith(MemcachedExtension.class)
class ExceptionsAreMissesTroubleTest {
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration RECOVERY = Duration.ofSeconds(10);

    @Test
    void aKilledServerMakesReadsMissAndStoresFail(MemcachedServer server) {
        try (Memcache<String> mc = Clients.ready(Clients.troubled(server).build())) {
            ExceptionsAreMissesMemcache<String> lax = mc.exceptionsAreMisses();
            assertThat(lax.set("k", "v")).isTrue();
            long cas = mc.gets("k").cas();
            server.kill();

            assertThat(lax.get("k")).isNull();
            assertThat(lax.gets("k")).isNull();
            assertThat(lax.gat("k", MINUTE)).isNull();
            assertThat(lax.gats("k", MINUTE)).isNull();
            assertThat(lax.getMulti(List.of("k", "j"))).isEmpty();
            assertThat(lax.getsMulti(List.of("k", "j"))).isEmpty();
            assertThat(lax.set("k", "v")).isFalse();
            assertThat(lax.add("k", "v")).isFalse();
            assertThat(lax.replace("k", "v")).isFalse();
            assertThat(lax.append("k", "v")).isFalse();
            assertThat(lax.prepend("k", "v")).isFalse();
            assertThat(lax.cas("k", "v", cas)).isFalse();
            assertThat(lax.delete("k")).isFalse();
            assertThat(lax.delete("k", cas)).isFalse();
            assertThat(lax.deleteAll("k")).isFalse();
            assertThat(lax.touch("k", MINUTE)).isFalse();
            assertThat(lax.incr("n", 1)).isNull();
            assertThat(lax.decr("n", 1)).isNull();
            assertThat(lax.incr("n", 1, 5, MINUTE)).isNull();
            assertThat(lax.decr("n", 1, 5, MINUTE)).isNull();
            assertThat(lax.setMulti(Map.of("a", "1", "b", "2")))
                    .containsOnly(Map.entry("a", StoreResult.FAILED), Map.entry("b", StoreResult.FAILED));
            assertThat(lax.flushAll()).isFalse();
            assertThat(lax.flushAll(MINUTE)).isFalse();
            assertThat(lax.invalidate("k")).isFalse();
            assertThat(lax.deleteMulti(List.of("k", "j")))
                    .containsExactly(Map.entry("k", false), Map.entry("j", false));
            assertThat(lax.stats()).containsExactly((ServerStats) null);
            assertThat(lax.stats("items")).containsExactly((ServerStats) null);
            assertThat(lax.version())
                    .containsOnlyKeys(mc.servers().get(0))
                    .containsEntry(mc.servers().get(0), null);
        }
    }

    @Test
    void programmingErrorsStillThrowWhileTheServerIsDown(MemcachedServer server) {
        try (Memcache<String> mc = Clients.ready(Clients.troubled(server).build())) {
            ExceptionsAreMissesMemcache<String> lax = mc.exceptionsAreMisses();
            server.kill();

            assertThatThrownBy(() -> lax.get("k".repeat(251))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> lax.set("k", null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> lax.cache("k", key -> {
                        throw new IllegalStateException("loader bug");
                    }))
                    .hasMessage("loader bug");
        }
    }

    @Test
    void cacheCallsTheLoaderOnceWhenTheServerIsDown(MemcachedServer server) {
        try (Memcache<String> mc = Clients.ready(Clients.troubled(server).build())) {
            ExceptionsAreMissesMemcache<String> lax = mc.exceptionsAreMisses();
            AtomicInteger loads = new AtomicInteger();
            server.kill();

            assertThat(lax.cache("page", k -> k + ":" + loads.incrementAndGet()))
                    .isEqualTo("page:1");
            assertThat(lax.cache("page", k -> k + ":" + loads.incrementAndGet()))
                    .isEqualTo("page:2");
        }
    }

    @Test
    void aServerThatNeverAnswersReadsAsMisses(MemcachedServer server) {
        try (FaultProxy proxy = FaultProxy.to(server)) {
            proxy.blackHole(true);
            try (Memcache<String> mc = Clients.troubled(proxy.uri()).build()) {
                ExceptionsAreMissesMemcache<String> lax = mc.exceptionsAreMisses();

                assertThat(lax.get("k")).isNull();
                assertThat(lax.set("k", "v")).isFalse();
                assertThat(lax.incr("n", 1)).isNull();
            }
        }
    }

    @Test
    void getMultiKeepsTheHitsOfTheServersThatAnswered(List<MemcachedServer> servers) {
        MemcachedServer direct = servers.get(0);
        try (FaultProxy proxy = FaultProxy.to(servers.get(1));
                Memcache<String> mc = Clients.ready(Clients.troubled(direct.uri(), proxy.uri())
                        .selector(Clients::byLastCharacter)
                        .build());
                Memcache<String> onlyDirect = Clients.strings(direct)) {
            List<String> keys = IntStream.range(0, 20).mapToObj(i -> "key" + i).toList();
            keys.forEach(k -> mc.set(k, "v-" + k));
            Map<String, String> onDirect = onlyDirect.getMulti(keys);
            assertThat(onDirect).as("the keys with an even last digit").hasSize(keys.size() / 2);

            proxy.stall(true);
            ExceptionsAreMissesMemcache<String> lax = mc.exceptionsAreMisses();
            assertThat(lax.getMulti(keys)).isEqualTo(onDirect);
            assertThat(lax.getsMulti(keys)).containsOnlyKeys(onDirect.keySet());
            proxy.clearFaults();
        }
    }

    @Test
    void aLateReplyIsNeverTakenForTheNextRead(MemcachedServer server) {
        try (FaultProxy proxy = FaultProxy.to(server);
                Memcache<String> mc =
                        Clients.ready(Clients.troubled(proxy.uri()).build())) {
            ExceptionsAreMissesMemcache<String> lax = mc.exceptionsAreMisses();
            mc.set("a", "va");
            mc.set("b", "vb");

            proxy.stall(true);
            assertThat(lax.get("a")).isNull();
            proxy.stall(false);
            Waits.until("the server answers again", RECOVERY, () -> lax.get("b") != null);
            assertThat(lax.get("b")).isEqualTo("vb");
            assertThat(lax.get("a")).isEqualTo("va");
        }
    }

    @Test
    void anOverloadedClientReadsAsMisses(MemcachedServer server) {
        try (FaultProxy proxy = FaultProxy.to(server);
                Memcache<String> mc = Clients.ready(Clients.troubled(proxy.uri())
                        .maxInFlight(1)
                        .operationTimeout(Duration.ofSeconds(5))
                        .build())) {
            ExceptionsAreMissesMemcache<String> lax = mc.exceptionsAreMisses();
            proxy.stall(true);
            CompletableFuture<String> pending = mc.async().get("a");

            assertThatThrownBy(() -> mc.get("b")).isInstanceOf(Overloaded.class);
            assertThat(lax.get("b")).isNull();
            assertThat(lax.set("b", "v")).isFalse();
            proxy.stall(false);
            assertThat(pending.join()).isNull();
        }
    }

    @Test
    @MemcachedConfig(maxItemSize = 512 * 1024)
    void aServerErrorIsAFailedStore(MemcachedServer server) {
        try (Memcache<String> mc = Clients.ready(Clients.troubled(server).build())) {
            String tooLargeForTheServer = "x".repeat(768 * 1024);

            assertThatThrownBy(() -> mc.set("k", tooLargeForTheServer)).isInstanceOf(ServerError.class);
            assertThat(mc.exceptionsAreMisses().set("k", tooLargeForTheServer)).isFalse();
            assertThat(mc.exceptionsAreMisses().set("k", "small")).isTrue();
        }
    }

    @Test
    void garbledRepliesReadAsMisses(MemcachedServer server) {
        try (FaultProxy proxy = FaultProxy.to(server);
                Memcache<String> mc =
                        Clients.ready(Clients.troubled(proxy.uri()).build())) {
            ExceptionsAreMissesMemcache<String> lax = mc.exceptionsAreMisses();
            mc.set("k", "v");

            proxy.corruptNext(4);
            assertThat(lax.get("k")).isNull();
            Waits.until("the client reconnects", RECOVERY, () -> lax.get("k") != null);
            assertThat(lax.get("k")).isEqualTo("v");
        }
    }

    @Test
    void troubleIsLoggedOncePerChangeOfState(MemcachedServer server) {
        try (Memcache<String> mc = Clients.ready(Clients.troubled(server).build());
                LogCapture log = new LogCapture()) {
            ExceptionsAreMissesMemcache<String> lax = mc.exceptionsAreMisses();
            assertThat(lax.set("k", "v")).isTrue();
            assertThat(lax.get("absent")).as("a miss is not trouble").isNull();
            assertThat(log.lines("WARN", ExceptionsAreMissesMemcache.class)).isEmpty();

            server.kill();
            for (int i = 0; i < 5; i++) {
                assertThat(lax.get("k")).isNull();
                assertThat(lax.set("k", "v")).isFalse();
            }
            assertThat(log.lines("WARN", ExceptionsAreMissesMemcache.class)).hasSize(1);
            assertThat(log.lines("INFO", ExceptionsAreMissesMemcache.class)).isEmpty();

            server.restart();
            Waits.until("the restarted server answers", RECOVERY, () -> lax.set("k", "v"));
            assertThat(lax.get("k")).isEqualTo("v");
            assertThat(lax.get("absent")).isNull();
            assertThat(log.lines("WARN", ExceptionsAreMissesMemcache.class)).hasSize(1);
            assertThat(log.lines("INFO", ExceptionsAreMissesMemcache.class)).hasSize(1);

            server.kill();
            assertThat(lax.get("k")).isNull();
            assertThat(lax.get("k")).isNull();
            assertThat(log.lines("WARN", ExceptionsAreMissesMemcache.class)).hasSize(2);
        }
    }
}
