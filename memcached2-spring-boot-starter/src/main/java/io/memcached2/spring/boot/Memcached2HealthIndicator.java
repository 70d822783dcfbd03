package io.memcached2.spring.boot;

import io.memcached2.Memcache;
import io.memcached2.ServerAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Asks every server for its version. Up when at least one server answers (memcached clients spread keys over the
 * others), down when none does; the details give each server's version, or "unreachable". The check takes at most
 * the client's connect plus operation timeout.
 */
public class Memcached2HealthIndicator extends AbstractHealthIndicator {
    private final Memcache<?> client;

    /** @param client the client whose servers to check */
    public Memcached2HealthIndicator(Memcache<?> client) {
        super("memcached health check failed");
        this.client = client;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Map<ServerAddress, String> versions = client.version();
        Map<String, Object> servers = new LinkedHashMap<>();
        int reachable = 0;
        for (ServerAddress server : client.servers()) {
            String version = versions.get(server);
            if (version != null) {
                reachable++;
                servers.put(server.toString(), Map.of("version", version));
            } else {
                servers.put(server.toString(), Map.of("status", "unreachable"));
            }
        }
        (reachable > 0 ? builder.up() : builder.down())
                .withDetail("servers", servers)
                .withDetail("reachable", reachable + " of " + servers.size());
    }
}
