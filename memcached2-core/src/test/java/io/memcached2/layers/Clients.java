package io.memcached2.layers;

import io.memcached2.Memcache;
import io.memcached2.MemcacheBuilder;
import io.memcached2.Reconnectors;
import io.memcached2.ServerAddress;
import io.memcached2.Transcoders;
import io.memcached2.routing.Placement;
import io.memcached2.testkit.MemcachedServer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Clients for the layer tests, reconnecting at once. Tests of trouble use a short timeout so that it shows fast;
 * the others a longer one, because the build machine is shared and a loaded machine can miss 300 ms.
 */
final class Clients {
    static final Duration TROUBLE_TIMEOUT = Duration.ofMillis(300);
    private static final Duration HEALTHY_TIMEOUT = Duration.ofSeconds(3);

    private Clients() {}

    static Memcache<String> strings(MemcachedServer... servers) {
        return builder(HEALTHY_TIMEOUT, uris(servers)).build();
    }

    static Memcache<Long> longs(MemcachedServer... servers) {
        return Clients.<Long>configure(Memcache.builder(Transcoders.longs()), HEALTHY_TIMEOUT, uris(servers))
                .build();
    }

    /** @return a client of strings that gives up on a server after {@link #TROUBLE_TIMEOUT} */
    static MemcacheBuilder<String> troubled(String... uris) {
        return builder(TROUBLE_TIMEOUT, List.of(uris));
    }

    static MemcacheBuilder<String> troubled(MemcachedServer... servers) {
        return builder(TROUBLE_TIMEOUT, uris(servers));
    }

    private static MemcacheBuilder<String> builder(Duration timeout, List<String> uris) {
        return configure(Memcache.builder(), timeout, uris);
    }

    private static <V> MemcacheBuilder<V> configure(MemcacheBuilder<V> builder, Duration timeout, List<String> uris) {
        return builder.servers(uris)
                .operationTimeout(timeout)
                .connectTimeout(timeout)
                .reconnector(Reconnectors.immediate());
    }

    /**
     * Waits until every server answers: the first request of a JVM can take longer than a short timeout (class
     * loading, connecting), and a server still connecting has its keys sent to another.
     *
     * @return the client
     */
    static <V> Memcache<V> ready(Memcache<V> mc) {
        Waits.until(
                "every server answers " + mc,
                Duration.ofSeconds(10),
                () -> !mc.version().containsValue(null));
        return mc;
    }

    /**
     * A selector that sends a key to the server its last byte picks, without failover: predictable placement, and a
     * server in trouble keeps its keys (the default selector is first-server-only for now).
     */
    static Placement byLastCharacter(List<ServerAddress> servers) {
        return (key, up) -> {
            int i = key[key.length - 1] % servers.size();
            return up.test(i) ? i : Placement.NONE;
        };
    }

    static List<String> uris(MemcachedServer... servers) {
        return Arrays.stream(servers).map(MemcachedServer::uri).toList();
    }
}
