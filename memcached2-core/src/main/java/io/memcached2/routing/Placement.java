package io.memcached2.routing;

import java.util.function.IntPredicate;

/** Where keys go for one server list. Immutable and thread-safe. */
@FunctionalInterface
public interface Placement {
    /** What {@link #select} returns when no server may take the key. */
    int NONE = -1;

    /**
     * @param key the key's UTF-8 bytes
     * @param up tells whether the server at an index (in configuration order) is available now
     * @return the index of the server for the key, following this placement's failover rule when the first choice
     *     is down, or {@link #NONE} when no server may take it
     */
    int select(byte[] key, IntPredicate up);
}
