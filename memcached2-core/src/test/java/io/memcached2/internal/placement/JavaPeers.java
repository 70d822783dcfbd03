package io.memcached2.internal.placement;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcached2.ServerAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import net.rubyeye.xmemcached.XMemcachedClientBuilder;
import net.rubyeye.xmemcached.impl.KetamaMemcachedSessionLocator;
import net.spy.memcached.DefaultConnectionFactory;
import net.spy.memcached.DefaultHashAlgorithm;
import net.spy.memcached.FailureMode;
import net.spy.memcached.KetamaNodeKeyFormatter;
import net.spy.memcached.KetamaNodeLocator;
import net.spy.memcached.MemcachedClient;
import net.spy.memcached.MemcachedNode;
import net.spy.memcached.NodeLocator;

/** Stores keys through the real Java clients spymemcached 2.12.3 and xmemcached 2.4.8. */
final class JavaPeers {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private JavaPeers() {}

    /**
     * spymemcached with {@code KetamaNodeLocator}, {@code KETAMA_HASH} and the given node key format; weights are
     * passed to the locator only when some weight is not 1, as a user would.
     */
    static void storeWithSpymemcached(
            List<ServerAddress> servers, KetamaNodeKeyFormatter.Format format, List<String> keys) throws Exception {
        List<InetSocketAddress> addresses = new ArrayList<>();
        Map<InetSocketAddress, Integer> weights = new HashMap<>();
        for (ServerAddress s : servers) {
            InetSocketAddress address = new InetSocketAddress(s.host(), s.port());
            addresses.add(address);
            if (servers.stream().anyMatch(x -> x.weight() != 1)) {
                weights.put(address, s.weight());
            }
        }
        DefaultConnectionFactory factory = new DefaultConnectionFactory() {
            @Override
            public NodeLocator createLocator(List<MemcachedNode> nodes) {
                return new KetamaNodeLocator(nodes, DefaultHashAlgorithm.KETAMA_HASH, format, weights);
            }

            // spymemcached connects in the background; with its default Redistribute mode, a set issued before a
            // node's connection is up goes to another node. Retry keeps every key on its primary.
            @Override
            public FailureMode getFailureMode() {
                return FailureMode.Retry;
            }
        };
        MemcachedClient client = new MemcachedClient(factory, addresses);
        try {
            List<Future<Boolean>> sets = new ArrayList<>();
            for (String key : keys) {
                sets.add(client.set(key, 0, "x"));
            }
            for (int i = 0; i < sets.size(); i++) {
                assertThat(sets.get(i).get(10, TimeUnit.SECONDS))
                        .as("spymemcached set %s", keys.get(i))
                        .isTrue();
            }
        } finally {
            client.shutdown(10, TimeUnit.SECONDS);
        }
    }

    /** xmemcached with its default {@code KetamaMemcachedSessionLocator}, weights as given, resolving or not. */
    static void storeWithXmemcached(List<ServerAddress> servers, boolean resolve, List<String> keys) throws Exception {
        List<InetSocketAddress> addresses = new ArrayList<>();
        int[] weights = new int[servers.size()];
        for (int i = 0; i < weights.length; i++) {
            addresses.add(
                    new InetSocketAddress(servers.get(i).host(), servers.get(i).port()));
            weights[i] = servers.get(i).weight();
        }
        XMemcachedClientBuilder builder = new XMemcachedClientBuilder(addresses, weights);
        builder.setSessionLocator(new KetamaMemcachedSessionLocator());
        if (!resolve) {
            builder.doNotResolveInetAddresses();
        }
        net.rubyeye.xmemcached.MemcachedClient client = builder.build();
        try {
            // xmemcached rebuilds its ring as each connection comes up; placement is final only once all are up.
            long deadline = System.nanoTime() + CONNECT_TIMEOUT.toNanos();
            while (client.getAvailableServers().size() < servers.size()) {
                assertThat(System.nanoTime())
                        .as("xmemcached connected to all servers within %s", CONNECT_TIMEOUT)
                        .isLessThan(deadline);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
            for (String key : keys) {
                assertThat(client.set(key, 0, "x")).as("xmemcached set %s", key).isTrue();
            }
        } finally {
            client.shutdown();
        }
    }
}
