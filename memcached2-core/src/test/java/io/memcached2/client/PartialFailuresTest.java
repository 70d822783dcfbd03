package io.memcached2.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memcached2.ExceptionsAreMissesMemcache;
import io.memcached2.Memcache;
import io.memcached2.MultiDeleteException;
import io.memcached2.MultiServerException;
import io.memcached2.NoAvailableServers;
import io.memcached2.NoValue;
import io.memcached2.Protocol;
import io.memcached2.Reconnectors;
import io.memcached2.Selectors;
import io.memcached2.ServerAddress;
import io.memcached2.ServerDisconnect;
import io.memcached2.routing.KetamaFlavor;
import io.memcached2.testkit.MemcachedExtension;
import io.memcached2.testkit.MemcachedServer;
import io.memcached2.testkit.MemcachedServers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * deleteMulti, deleteAll and flushAll with one server of two down: the answers of the server that answered are kept,
 * each failed key or server is named with its failure, in the blocking and the asynchronous client; a client whose
 * every server failed throws the failure itself; the exceptions-are-misses view still reads it as a miss.
 */
@ExtendWith(MemcachedExtension.class)
class PartialFailuresTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final List<String> KEYS =
            IntStream.range(0, 40).mapToObj(i -> "key-" + i).toList();

    private static Memcache<String> client(List<MemcachedServer> servers) {
        return Memcache.builder()
                .servers(servers.stream().map(MemcachedServer::uri).toArray(String[]::new))
                .selector(Selectors.ketamaWithoutFailover(KetamaFlavor.LIBMEMCACHED_WEIGHTED))
                .protocol(Protocol.META)
                .operationTimeout(Duration.ofSeconds(2))
                .reconnector(Reconnectors.exponential(Duration.ofMillis(10), Duration.ofMillis(200)))
                .build();
    }

    /** @return each stored key's server, read from each server directly */
    private static Map<String, Integer> whereStored(List<MemcachedServer> servers) {
        Map<String, Integer> where = new HashMap<>();
        for (int i = 0; i < servers.size(); i++) {
            try (Memcache<String> one = Memcache.connect(servers.get(i).uri())) {
                for (String k : one.getMulti(KEYS).keySet()) {
                    where.put(k, i);
                }
            }
        }
        return where;
    }

    private static List<String> keysOn(Map<String, Integer> where, int server) {
        return KEYS.stream().filter(k -> where.get(k) == server).toList();
    }

    /** A key of a server that is down has no server (no failover); a request already on its way fails. */
    private static boolean isDown(Throwable t) {
        return t instanceof NoAvailableServers || t instanceof ServerDisconnect;
    }

    private static void killSecond(Memcache<String> mc, List<MemcachedServer> servers, String keyOnSecond) {
        servers.get(1).kill();
        Support.await(
                "the client to see the second server down",
                WAIT,
                () -> isDown(Support.thrownBy(() -> mc.get(keyOnSecond))));
    }

    @Test
    void deleteMultiReportsEveryKey(@MemcachedServers(count = 2) List<MemcachedServer> servers) {
        try (Memcache<String> mc = client(servers)) {
            mc.setMulti(KEYS.stream().collect(Collectors.toMap(k -> k, k -> "v")));
            Map<String, Integer> where = whereStored(servers);
            List<String> first = keysOn(where, 0);
            List<String> second = keysOn(where, 1);
            assertThat(first).isNotEmpty();
            assertThat(second).isNotEmpty();
            String absent = first.get(0);
            mc.delete(absent);
            killSecond(mc, servers, second.get(0));

            assertThatThrownBy(() -> mc.deleteMulti(KEYS)).isInstanceOfSatisfying(MultiDeleteException.class, e -> {
                assertThat(e.results()).containsOnlyKeys(first);
                assertThat(e.results()).containsEntry(absent, false);
                assertThat(e.results().values().stream().filter(b -> b)).hasSize(first.size() - 1);
                assertThat(e.failures()).containsOnlyKeys(second);
                assertThat(e.failures().values()).allMatch(PartialFailuresTest::isDown);
                assertThat(e.getCause()).matches(PartialFailuresTest::isDown);
                assertThat(e).hasMessageContaining(second.size() + " of " + KEYS.size());
            });
            Throwable async = Support.failureOf(mc.async().deleteMulti(KEYS), WAIT);
            assertThat(async).isInstanceOfSatisfying(MultiDeleteException.class, e -> {
                assertThat(e.results()).containsOnlyKeys(first).doesNotContainValue(true);
                assertThat(e.failures()).containsOnlyKeys(second);
            });
            assertThat(Support.thrownBy(() -> mc.deleteMulti(second)))
                    .as("every key failed: the failure itself")
                    .matches(PartialFailuresTest::isDown);
            assertThat(mc.deleteMulti(first)).containsOnlyKeys(first).doesNotContainValue(true);
        }
    }

    @Test
    void deleteAllAndFlushAllReportEveryServer(@MemcachedServers(count = 2) List<MemcachedServer> servers) {
        try (Memcache<String> mc = client(servers)) {
            ServerAddress live = mc.servers().get(0);
            ServerAddress dead = mc.servers().get(1);
            mc.setMulti(KEYS.stream().collect(Collectors.toMap(k -> k, k -> "v")));
            Map<String, Integer> where = whereStored(servers);
            for (MemcachedServer s : servers) {
                try (Memcache<String> one = Memcache.connect(s.uri())) {
                    one.set("everywhere", "x");
                }
            }
            killSecond(mc, servers, keysOn(where, 1).get(0));

            assertThatThrownBy(() -> mc.deleteAll("everywhere"))
                    .isInstanceOfSatisfying(MultiServerException.class, e -> {
                        assertThat(e.results()).containsExactly(Map.entry(live, true));
                        assertThat(e.failures()).containsOnlyKeys(dead);
                        assertThat(e.failures().get(dead)).isInstanceOf(ServerDisconnect.class);
                        assertThat(e.getCause()).isSameAs(e.failures().get(dead));
                    });
            assertThat(Support.failureOf(mc.async().deleteAll("everywhere"), WAIT))
                    .isInstanceOfSatisfying(
                            MultiServerException.class,
                            e -> assertThat(e.results()).containsExactly(Map.entry(live, false)));

            String kept = keysOn(where, 0).get(0);
            assertThatThrownBy(mc::flushAll).isInstanceOfSatisfying(MultiServerException.class, e -> {
                assertThat(e.results()).containsExactly(Map.entry(live, true));
                assertThat(e.failures()).containsOnlyKeys(dead);
                assertThat(e).hasMessageContaining("1 of 2 servers");
            });
            assertThatThrownBy(() -> mc.get(kept)).as("the live server flushed").isSameAs(NoValue.INSTANCE);
            mc.set(kept, "again");
            assertThat(Support.failureOf(mc.async().flushAll(Duration.ofMinutes(5)), WAIT))
                    .isInstanceOfSatisfying(
                            MultiServerException.class,
                            e -> assertThat(e.failures()).containsOnlyKeys(dead));

            ExceptionsAreMissesMemcache<String> lax = mc.exceptionsAreMisses();
            assertThat(lax.deleteAll("everywhere")).isFalse();
            assertThat(lax.flushAll()).isFalse();
        }
    }

    @Test
    void withEveryServerDownTheFailureItselfIsThrown(@MemcachedServers(count = 1) List<MemcachedServer> servers) {
        try (Memcache<String> mc = client(servers)) {
            mc.set("k", "v");
            servers.get(0).kill();
            Support.await("the client to see the server down", WAIT, () -> isDown(Support.thrownBy(() -> mc.get("k"))));
            List<Runnable> calls = new ArrayList<>();
            calls.add(() -> mc.deleteMulti(KEYS));
            calls.add(() -> mc.deleteAll("k"));
            calls.add(mc::flushAll);
            for (Runnable call : calls) {
                assertThat(Support.thrownBy(call)).matches(PartialFailuresTest::isDown);
            }
        }
    }
}
