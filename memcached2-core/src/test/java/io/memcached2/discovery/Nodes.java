package io.memcached2.discovery;

import io.memcached2.Discovery;
import io.memcached2.Memcache;
import io.memcached2.MemcacheBuilder;
import io.memcached2.Reconnectors;
import io.memcached2.ServerAddress;
import io.memcached2.testkit.MemcachedServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/** Helpers of the discovery tests: the client under test, what it uses, what a node holds. */
final class Nodes {
    /** Short, so that tests see several polls quickly. */
    static final Duration POLL = Duration.ofMillis(150);

    private Nodes() {}

    /** A client following {@code endpoint}, polling every {@link #POLL}. */
    static Memcache<String> client(ConfigEndpoint endpoint) {
        return client(endpoint, b -> b);
    }

    static Memcache<String> client(ConfigEndpoint endpoint, UnaryOperator<MemcacheBuilder<String>> options) {
        MemcacheBuilder<String> b = Memcache.builder()
                .discovery(Discovery.elastiCache(endpoint.endpoint()).pollInterval(POLL))
                .operationTimeout(Duration.ofSeconds(2))
                .reconnector(Reconnectors.exponential(Duration.ofMillis(10), Duration.ofMillis(200)));
        return options.apply(b).build();
    }

    /** @return the client's servers as {@code host|connectHost|port}, in order */
    static List<String> servers(Memcache<?> mc) {
        return mc.servers().stream().map(Nodes::entry).toList();
    }

    static String entry(ServerAddress a) {
        return a.host() + "|" + a.connectHost() + "|" + a.port();
    }

    /** @return the items a real memcached holds now, asked over a connection of its own */
    static long currItems(MemcachedServer server) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(server.host(), server.port()), 5_000);
            s.setSoTimeout(5_000);
            s.getOutputStream().write("stats\r\n".getBytes(StandardCharsets.US_ASCII));
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            long items = -1;
            for (String line = in.readLine(); line != null && !line.equals("END"); line = in.readLine()) {
                if (line.startsWith("STAT curr_items ")) {
                    items = Long.parseLong(line.substring("STAT curr_items ".length()));
                }
            }
            return items;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return whether a thread of the discovery poller is alive */
    static boolean pollerThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getName().startsWith("memcached2-discovery-"));
    }
}
