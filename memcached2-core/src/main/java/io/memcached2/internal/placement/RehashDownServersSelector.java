package io.memcached2.internal.placement;

import io.memcached2.ServerAddress;
import io.memcached2.routing.Hasher;
import io.memcached2.routing.Placement;
import io.memcached2.routing.Selector;
import java.util.List;
import java.util.Objects;

/**
 * python-memcached2's {@code SelectorRehashDownServers}: {@code servers[hash(key) % n]}; while that server is down,
 * {@code servers[hash(key + str(i)) % n]} for i = 0 … retries-1. While every server is up this is python-memcached's
 * placement (with the cmemcache hasher and unit weights).
 */
public final class RehashDownServersSelector implements Selector {
    private final int retries;
    private final Hasher hasher;

    /**
     * @param retries how many rehashes after the first choice (the seed's default is 10); 0 or more
     * @param hasher the key hasher (the seed's default is cmemcache)
     */
    public RehashDownServersSelector(int retries, Hasher hasher) {
        if (retries < 0) {
            throw new IllegalArgumentException("invalid retries count " + retries + ": must be 0 or more");
        }
        this.retries = retries;
        this.hasher = Objects.requireNonNull(hasher, "hasher");
    }

    @Override
    public Placement place(List<ServerAddress> servers) {
        int n = servers.size();
        return (key, up) -> {
            int server = (int) Long.remainderUnsigned(hasher.hash(key), n);
            for (int i = 0; !up.test(server); i++) {
                if (i == retries) {
                    return Placement.NONE;
                }
                server = (int) Long.remainderUnsigned(Rehash.withSuffix(hasher, key, i), n);
            }
            return server;
        };
    }

    @Override
    public String toString() {
        return "rehashDownServers(" + retries + ", " + hasher + ")";
    }
}
