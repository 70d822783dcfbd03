package io.memcached2.internal.placement;

import io.memcached2.ServerAddress;
import io.memcached2.routing.Hasher;
import io.memcached2.routing.Placement;
import io.memcached2.routing.Selector;
import java.util.List;
import java.util.Objects;

/**
 * python-memcached2's {@code SelectorFractalSharding} (its default for three or more servers). While every server is
 * up a key goes to {@code servers[hash(key) % n]}, as in the seed and python-memcached. When that server is down the
 * key is rehashed as {@code hash(key + str(i))} and placed among the servers not tried yet
 * ({@code remaining[h % len(remaining)]}), so a down server's keys spread evenly and predictably over the rest.
 *
 * <p>The seed's own text indexes the original list with the shrinking length and never rehashes (PROTOCOL-NOTES
 * §3f, "(sic)"), which piles a down server's keys onto its neighbours; this selector does the documented even spread
 * instead, which is also what later seed revisions do.
 */
public final class FractalShardingSelector implements Selector {
    private final Hasher hasher;

    /** @param hasher the key hasher (the seed's default is cmemcache) */
    public FractalShardingSelector(Hasher hasher) {
        this.hasher = Objects.requireNonNull(hasher, "hasher");
    }

    @Override
    public Placement place(List<ServerAddress> servers) {
        int n = servers.size();
        return (key, up) -> {
            int first = (int) Long.remainderUnsigned(hasher.hash(key), n);
            if (up.test(first)) {
                return first;
            }
            TriedServers tried = TriedServers.empty(n);
            tried.add(first);
            for (int i = 0, remaining = n - 1; remaining > 0; i++, remaining--) {
                long h = Rehash.withSuffix(hasher, key, i);
                int server = tried.nthAbsent((int) Long.remainderUnsigned(h, remaining), n);
                if (up.test(server)) {
                    return server;
                }
                tried.add(server);
            }
            return Placement.NONE;
        };
    }

    @Override
    public String toString() {
        return "fractalSharding(" + hasher + ")";
    }
}
