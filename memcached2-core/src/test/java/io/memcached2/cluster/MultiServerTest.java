package io.memcached2.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memcached2.Memcache;
import io.memcached2.MultiRetrieveException;
import io.memcached2.NoAvailableServers;
import io.memcached2.Reconnectors;
import io.memcached2.Selectors;
import io.memcached2.ServerAddress;
import io.memcached2.ServerDisconnect;
import io.memcached2.ServerStats;
import io.memcached2.routing.KetamaFlavor;
import io.memcached2.routing.Placement;
import io.memcached2.routing.Selector;
import io.memcached2.testkit.MemcachedExtension;
import io.memcached2.testkit.MemcachedServer;
import io.memcached2.testkit.MemcachedServers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Several real servers: placement, multi-key commands split per server, failover, recovery, list changes. */
@ExtendWith(MemcachedExtension.class)
class MultiServerTest {
    private static final List<String> KEYS =
            IntStream.range(0, 600).mapToObj(i -> "key-" + i).collect(Collectors.toList());

    private static Memcache<String> client(List<MemcachedServer> servers, Selector selector) {
        return Memcache.builder()
                .servers(servers.stream().map(MemcachedServer::uri).toArray(String[]::new))
                .selector(selector)
                .operationTimeout(Duration.ofSeconds(1))
                .connectTimeout(Duration.ofSeconds(2))
                .reconnector(Reconnectors.exponential(Duration.ofMillis(20), Duration.ofMillis(200)))
                .build();
    }

    /** @return the server index each key is stored on, asking each server directly */
    private static Map<String, Integer> whereStored(List<MemcachedServer> servers, List<String> keys) {
        Map<String, Integer> where = new HashMap<>();
        for (int i = 0; i < servers.size(); i++) {
            try (Memcache<String> one = Memcache.connect(servers.get(i).uri())) {
                for (String k : one.getMulti(keys).keySet()) {
                    assertThat(where.put(k, i)).as("key %s on two servers", k).isNull();
                }
            }
        }
        return where;
    }

    @Test
    void keysSpreadAsTheSelectorSaysAndMultiCommandsSplitPerServer(
            @MemcachedServers(count = 3) List<MemcachedServer> servers) {
        try (Memcache<String> mc = client(servers, Selectors.ketama())) {
            Map<String, String> values = KEYS.stream().collect(Collectors.toMap(k -> k, k -> "v:" + k));
            assertThat(mc.setMulti(values).values()).allMatch(r -> r.stored());
            assertThat(mc.getMulti(KEYS)).isEqualTo(values);
            Placement placement = Selectors.ketama().place(mc.servers());
            Map<String, Integer> where = whereStored(servers, KEYS);
            assertThat(where).hasSize(KEYS.size());
            for (String k : KEYS) {
                assertThat(where.get(k)).isEqualTo(placement.select(k.getBytes(StandardCharsets.UTF_8), i -> true));
            }
            assertThat(where.values().stream().distinct().count()).isEqualTo(3);
            assertThat(mc.deleteMulti(KEYS.subList(0, 10)).values()).containsOnly(true);
            List<ServerStats> stats = mc.stats();
            assertThat(stats).hasSize(3).doesNotContainNull();
            assertThat(stats.stream().mapToLong(ServerStats::currItems).sum()).isEqualTo(KEYS.size() - 10);
        }
    }

    @Test
    void deleteAllAndFlushAllReachEveryServer(@MemcachedServers(count = 3) List<MemcachedServer> servers) {
        try (Memcache<String> mc = client(servers, Selectors.ketama())) {
            for (MemcachedServer s : servers) {
                try (Memcache<String> one = Memcache.connect(s.uri())) {
                    one.set("everywhere", "x");
                }
            }
            assertThat(mc.deleteAll("everywhere")).isTrue();
            assertThat(whereStored(servers, List.of("everywhere"))).isEmpty();
            mc.setMulti(Map.of("a", "1", "b", "2", "c", "3"));
            mc.flushAll();
            assertThat(mc.getMulti(List.of("a", "b", "c"))).isEmpty();
        }
    }

    @Test
    void downServerFailsOnlyItsKeysWithoutFailoverAndTakesThemBackAfterRestart(
            @MemcachedServers(count = 3) List<MemcachedServer> servers) throws Exception {
        try (Memcache<String> mc =
                client(servers, Selectors.ketamaWithoutFailover(KetamaFlavor.LIBMEMCACHED_WEIGHTED))) {
            Map<String, String> values = KEYS.stream().collect(Collectors.toMap(k -> k, k -> "v:" + k));
            mc.setMulti(values);
            Map<String, Integer> where = whereStored(servers, KEYS);
            servers.get(1).kill();
            awaitDown(mc, keyOn(where, 1));
            List<Throwable> errorsOnOthers = new ArrayList<>();
            for (String k : KEYS) {
                try {
                    assertThat(mc.get(k)).isEqualTo("v:" + k);
                    assertThat(where.get(k)).isNotEqualTo(1);
                } catch (ServerDisconnect | NoAvailableServers e) {
                    if (where.get(k) != 1) {
                        errorsOnOthers.add(e);
                    }
                }
            }
            assertThat(errorsOnOthers).isEmpty();
            assertThatThrownBy(() -> mc.getMulti(KEYS)).isInstanceOfSatisfying(MultiRetrieveException.class, e -> {
                assertThat(e.failures().keySet()).allMatch(k -> where.get(k) == 1);
                assertThat(e.<String>hits()).hasSize((int)
                        where.values().stream().filter(i -> i != 1).count());
            });
            servers.get(1).restart();
            String back = keyOn(where, 1);
            awaitUp(mc, back);
            mc.set(back, "again");
            try (Memcache<String> direct = Memcache.connect(servers.get(1).uri())) {
                assertThat(direct.get(back)).isEqualTo("again");
            }
        }
    }

    @Test
    void withFailoverTheDownServersKeysGoToTheNextServerOnTheRing(
            @MemcachedServers(count = 3) List<MemcachedServer> servers) throws Exception {
        try (Memcache<String> mc = client(servers, Selectors.ketama())) {
            Map<String, Integer> where = new HashMap<>();
            Placement placement = Selectors.ketama().place(mc.servers());
            for (String k : KEYS) {
                where.put(k, placement.select(k.getBytes(StandardCharsets.UTF_8), i -> true));
            }
            servers.get(2).kill();
            awaitStored(mc, keyOn(where, 2));
            for (String k : KEYS) {
                mc.set(k, "moved");
                assertThat(mc.get(k)).isEqualTo("moved");
            }
            Map<String, Integer> stored = whereStored(servers.subList(0, 2), KEYS);
            for (String k : KEYS) {
                int expected = placement.select(k.getBytes(StandardCharsets.UTF_8), i -> i != 2);
                assertThat(stored.get(k)).isEqualTo(expected);
            }
        }
    }

    @Test
    void updateServersMovesOnlyTheKeysWhoseOwnerChanged(@MemcachedServers(count = 4) List<MemcachedServer> servers) {
        List<MemcachedServer> first3 = servers.subList(0, 3);
        try (Memcache<String> mc = client(first3, Selectors.ketama())) {
            Placement before = Selectors.ketama().place(mc.servers());
            mc.updateServers(servers.stream().map(MemcachedServer::uri).toArray(String[]::new));
            assertThat(mc.servers())
                    .extracting(ServerAddress::port)
                    .containsExactlyElementsOf(
                            servers.stream().map(MemcachedServer::port).collect(Collectors.toList()));
            Placement after = Selectors.ketama().place(mc.servers());
            int moved = 0;
            for (String k : KEYS) {
                byte[] b = k.getBytes(StandardCharsets.UTF_8);
                int from = before.select(b, i -> true);
                int to = after.select(b, i -> true);
                if (from != to) {
                    moved++;
                    assertThat(to).as("a moved key goes to the new server").isEqualTo(3);
                }
                mc.set(k, k);
            }
            assertThat(moved).isBetween(KEYS.size() / 8, KEYS.size() * 3 / 8);
            assertThat(whereStored(servers, KEYS).values().stream()
                            .filter(i -> i == 3)
                            .count())
                    .isEqualTo(moved);
        }
    }

    private static String keyOn(Map<String, Integer> where, int server) {
        return where.entrySet().stream()
                .filter(e -> e.getValue() == server)
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow();
    }

    private static void awaitDown(Memcache<String> mc, String keyOnDownServer) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                mc.get(keyOnDownServer);
            } catch (ServerDisconnect | NoAvailableServers e) {
                return;
            } catch (RuntimeException ignored) {
                // a miss: the client has not yet seen the server go down
            }
            assertThat(System.nanoTime() - deadline)
                    .as("server never seen down")
                    .isNegative();
            Thread.onSpinWait();
        }
    }

    /** Waits until a store of the key succeeds: once the client has seen its server go down, it fails over. */
    private static void awaitStored(Memcache<String> mc, String key) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                mc.set(key, "probe");
                return;
            } catch (ServerDisconnect e) {
                assertThat(System.nanoTime() - deadline)
                        .as("never failed over: " + e)
                        .isNegative();
                Thread.onSpinWait();
            }
        }
    }

    private static void awaitUp(Memcache<String> mc, String key) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                mc.async().get(key).get();
                return;
            } catch (Exception e) {
                assertThat(System.nanoTime() - deadline)
                        .as("server never came back: " + e)
                        .isNegative();
                Thread.onSpinWait();
            }
        }
    }
}
