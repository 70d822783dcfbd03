package io.memcached2.routing;

import io.memcached2.ServerAddress;
import java.util.List;

/**
 * A key-placement strategy. It builds an immutable {@link Placement} for a server list; the client builds a new
 * placement whenever the list changes, so a selector itself holds no per-list state.
 */
@FunctionalInterface
public interface Selector {
    /**
     * @param servers the servers in configuration order; never empty
     * @return the placement of keys over these servers
     */
    Placement place(List<ServerAddress> servers);
}
