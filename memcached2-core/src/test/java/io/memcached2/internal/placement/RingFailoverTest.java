package io.memcached2.internal.placement;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.code.yanf4j.core.Session;
import io.memcached2.Selectors;
import io.memcached2.ServerAddress;
import io.memcached2.routing.KetamaFlavor;
import io.memcached2.routing.Placement;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.rubyeye.xmemcached.impl.KetamaMemcachedSessionLocator;
import net.rubyeye.xmemcached.networking.MemcachedSession;
import net.rubyeye.xmemcached.utils.InetSocketAddressWrapper;
import net.spy.memcached.DefaultHashAlgorithm;
import net.spy.memcached.KetamaNodeKeyFormatter;
import net.spy.memcached.KetamaNodeLocator;
import net.spy.memcached.MemcachedNode;
import org.junit.jupiter.api.Test;

/**
 * Ring failover. The spymemcached and xmemcached rules are checked against those clients' own locator classes
 * (real jars, test scope), fed stand-in nodes whose up/down state we control, for every single and double failure.
 */
class RingFailoverTest {
    private static final int KEYS = 3_000;

    @Test
    void spymemcachedFlavourFollowsKetamaIteratorOfTheRealLocator() {
        // spymemcached asserts its weighted ring has exactly 160 points a server on average; these weights do.
        for (int[] weights : new int[][] {{1, 1, 1, 1, 1}, {1, 2, 3, 2, 2}}) {
            List<ServerAddress> servers = servers(weights);
            for (Set<Integer> down : downSets(servers.size())) {
                Map<InetSocketAddress, Integer> weightMap = new HashMap<>();
                List<MemcachedNode> nodes = new ArrayList<>();
                for (int i = 0; i < servers.size(); i++) {
                    InetSocketAddress address = new InetSocketAddress(
                            servers.get(i).host(), servers.get(i).port());
                    nodes.add(spyNode(address, !down.contains(i)));
                    if (weights[1] != 1) {
                        weightMap.put(address, weights[i]);
                    }
                }
                KetamaNodeLocator spy = new KetamaNodeLocator(
                        nodes, DefaultHashAlgorithm.KETAMA_HASH, KetamaNodeKeyFormatter.Format.SPYMEMCACHED, weightMap);
                Placement ours = Selectors.ketama(KetamaFlavor.SPYMEMCACHED).place(servers);
                for (int k = 0; k < KEYS; k++) {
                    String key = "key:" + k;
                    int expected = spyChoice(spy, nodes, key);
                    assertThat(ours.select(bytes(key), i -> !down.contains(i)))
                            .as("key %s, down %s, weights %s", key, down, weights)
                            .isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void xmemcachedFlavourFollowsNextHashOfTheRealLocator() throws Exception {
        for (int[] weights : new int[][] {{1, 1, 1, 1}, {3, 1, 2, 1}}) {
            List<ServerAddress> servers = servers(weights);
            for (Set<Integer> down : downSets(servers.size())) {
                List<Session> sessions = new ArrayList<>();
                for (int i = 0; i < servers.size(); i++) {
                    InetSocketAddress address = new InetSocketAddress(
                            servers.get(i).host(), servers.get(i).port());
                    address.getHostName(); // what the default builder does: the node string becomes host/ip:port
                    sessions.add(xmemcachedSession(address, weights[i], down.contains(i)));
                }
                KetamaMemcachedSessionLocator xmemcached = new KetamaMemcachedSessionLocator();
                xmemcached.updateSessions(sessions);
                Placement ours = Selectors.ketama(KetamaFlavor.XMEMCACHED).place(servers);
                for (int k = 0; k < KEYS; k++) {
                    String key = "key:" + k;
                    Session chosen = xmemcached.getSessionByKey(key);
                    int expected = chosen.isClosed() ? Placement.NONE : sessions.indexOf(chosen);
                    assertThat(ours.select(bytes(key), i -> !down.contains(i)))
                            .as("key %s, down %s, weights %s", key, down, weights)
                            .isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void walkingTheRingMovesOnlyTheDownServersKeysAndSpreadsThem() {
        List<ServerAddress> servers = servers(new int[] {1, 1, 1, 1});
        Placement placement = Selectors.ketama().place(servers);
        Placement strict = Selectors.ketamaWithoutFailover(KetamaFlavor.LIBMEMCACHED_WEIGHTED)
                .place(servers);
        int[] received = new int[4];
        for (int k = 0; k < 20_000; k++) {
            byte[] key = bytes("key:" + k);
            int primary = placement.select(key, i -> true);
            int failover = placement.select(key, i -> i != 1);
            if (primary == 1) {
                received[failover]++;
                assertThat(strict.select(key, i -> i != 1)).isEqualTo(Placement.NONE);
            } else {
                assertThat(failover).isEqualTo(primary);
                assertThat(strict.select(key, i -> i != 1)).isEqualTo(primary);
            }
            assertThat(placement.select(key, i -> false)).isEqualTo(Placement.NONE);
        }
        assertThat(received[1]).isZero();
        assertThat(received[0]).isPositive();
        assertThat(received[2]).isPositive();
        assertThat(received[3]).isPositive();
    }

    /** What MemcachedConnection does: the primary if active, else the first active node of the sequence. */
    private static int spyChoice(KetamaNodeLocator spy, List<MemcachedNode> nodes, String key) {
        MemcachedNode primary = spy.getPrimary(key);
        if (primary.isActive()) {
            return nodes.indexOf(primary);
        }
        for (Iterator<MemcachedNode> sequence = spy.getSequence(key); sequence.hasNext(); ) {
            MemcachedNode node = sequence.next();
            if (node.isActive()) {
                return nodes.indexOf(node);
            }
        }
        return Placement.NONE;
    }

    private static MemcachedNode spyNode(InetSocketAddress address, boolean active) {
        return (MemcachedNode) Proxy.newProxyInstance(
                RingFailoverTest.class.getClassLoader(),
                new Class<?>[] {MemcachedNode.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getSocketAddress":
                            return address;
                        case "isActive":
                            return active;
                        case "hashCode":
                            return System.identityHashCode(proxy);
                        case "equals":
                            return proxy == args[0];
                        case "toString":
                            return "node " + address;
                        default:
                            throw new UnsupportedOperationException(method.getName());
                    }
                });
    }

    private static Session xmemcachedSession(InetSocketAddress address, int weight, boolean closed) {
        InetSocketAddressWrapper wrapper = new InetSocketAddressWrapper(address, 0, weight, null);
        wrapper.setRemoteAddressStr(String.valueOf(address));
        return (Session) Proxy.newProxyInstance(
                RingFailoverTest.class.getClassLoader(),
                new Class<?>[] {MemcachedSession.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getRemoteSocketAddress":
                            return address;
                        case "getInetSocketAddressWrapper":
                            return wrapper;
                        case "getWeight":
                            return weight;
                        case "isClosed":
                            return closed;
                        case "hashCode":
                            return System.identityHashCode(proxy);
                        case "equals":
                            return proxy == args[0];
                        case "toString":
                            return "session " + address;
                        default:
                            throw new UnsupportedOperationException(method.getName());
                    }
                });
    }

    /** Every single failure and every double failure among n servers. */
    private static List<Set<Integer>> downSets(int n) {
        List<Set<Integer>> sets = new ArrayList<>();
        for (int a = 0; a < n; a++) {
            sets.add(Set.of(a));
            for (int b = a + 1; b < n; b++) {
                sets.add(Set.of(a, b));
            }
        }
        return sets;
    }

    private static List<ServerAddress> servers(int[] weights) {
        List<ServerAddress> servers = new ArrayList<>();
        for (int i = 0; i < weights.length; i++) {
            servers.add(ServerAddress.parse("memcached://127.0.0.1:" + (22122 + i) + "/?weight=" + weights[i]));
        }
        return servers;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
