package io.memcached2.chaos;

import io.memcached2.Memcache;
import io.memcached2.Selectors;
import io.memcached2.ServerStats;
import io.memcached2.routing.Placement;
import io.memcached2.testkit.FaultProxy;
import io.memcached2.testkit.MemcachedServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Real servers, each behind a FaultProxy, and a client over the proxies. */
final class Cluster implements AutoCloseable {
    final List<MemcachedServer> servers;
    final List<FaultProxy> proxies = new ArrayList<>();
    final Memcache<String> mc;
    /** For each server, a key it owns while every server is up. */
    final String[] probeKeys;

    Cluster(List<MemcachedServer> servers, String probePrefix) {
        this.servers = servers;
        for (MemcachedServer s : servers) {
            proxies.add(FaultProxy.to(s));
        }
        this.mc = Chaos.client(proxies.stream().map(FaultProxy::uri).toArray(String[]::new))
                .build();
        Placement placement = Selectors.ketama().place(mc.servers());
        probeKeys = new String[servers.size()];
        for (int i = 0, found = 0; found < probeKeys.length; i++) {
            String k = probePrefix + ":probe:" + i;
            int owner = placement.select(k.getBytes(StandardCharsets.UTF_8), n -> true);
            if (probeKeys[owner] == null) {
                probeKeys[owner] = k;
                found++;
            }
        }
    }

    /** @return whether every server answers through the client: stats from each, and a set and get on each */
    boolean healthy() {
        try {
            List<ServerStats> stats = mc.stats();
            if (stats.contains(null)) {
                return false;
            }
            for (String k : probeKeys) {
                mc.set(k, k);
                if (!k.equals(mc.get(k))) {
                    return false;
                }
            }
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** @return the established connections the client has lost so far, counted at the proxies now in use */
    long lostConnections() {
        return proxies.stream().mapToLong(FaultProxy::lostConnections).sum();
    }

    void clearFaults() {
        proxies.forEach(FaultProxy::clearFaults);
    }

    @Override
    public void close() {
        mc.close();
        proxies.forEach(FaultProxy::close);
    }
}
