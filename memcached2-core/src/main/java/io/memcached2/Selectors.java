package io.memcached2;

import io.memcached2.internal.placement.ConsistentHashingSelector;
import io.memcached2.internal.placement.FirstSelector;
import io.memcached2.internal.placement.FractalShardingSelector;
import io.memcached2.internal.placement.KetamaSelector;
import io.memcached2.internal.placement.PythonMemcachedSelector;
import io.memcached2.internal.placement.RehashDownServersSelector;
import io.memcached2.internal.placement.RendezvousSelector;
import io.memcached2.routing.KetamaFlavor;
import io.memcached2.routing.Selector;

/**
 * The built-in key-placement strategies. Each names the client whose placement it reproduces; ketama and rendezvous
 * selectors fail over to another server when a key's server is down, and their {@code ...WithoutFailover} forms
 * give such a key no server instead ({@link io.memcached2.routing.Placement#NONE}).
 */
public final class Selectors {
    private Selectors() {}

    /** @return every key on the first server (python-memcached2's SelectorFirst) */
    public static Selector first() {
        return FirstSelector.INSTANCE;
    }

    /**
     * @param retries rehashes tried after the first choice is down (the seed's default is 10)
     * @return python-memcached2's SelectorRehashDownServers with the cmemcache hasher
     */
    public static Selector rehashDownServers(int retries) {
        return new RehashDownServersSelector(retries, Hashers.cmemcache());
    }

    /** @return python-memcached2's SelectorFractalSharding with the cmemcache hasher (even spread of a down server) */
    public static Selector fractalSharding() {
        return new FractalShardingSelector(Hashers.cmemcache());
    }

    /**
     * @param buckets the number of ring buckets, at least 1 (the seed's default is n² for n servers)
     * @return python-memcached2's SelectorConsistentHashing with the cmemcache hasher
     */
    public static Selector consistentHashing(int buckets) {
        if (buckets < 1) {
            throw new IllegalArgumentException("invalid bucket count " + buckets + ": must be at least 1");
        }
        return new ConsistentHashingSelector(buckets, Hashers.cmemcache());
    }

    /**
     * @return libmemcached's weighted MD5 ketama, placing keys as pylibmc {@code ketama_weighted}, spymemcached
     *     KETAMA_HASH (SPYMEMCACHED format, IP literals, ports other than 11211) and twemproxy {@code hash: md5}
     */
    public static Selector ketama() {
        return ketama(KetamaFlavor.LIBMEMCACHED_WEIGHTED);
    }

    /**
     * @param flavor the client to match (pylibmc ketama, spymemcached, xmemcached, twemproxy, …)
     * @return that client's ketama ring, with its failover rule
     */
    public static Selector ketama(KetamaFlavor flavor) {
        return KetamaSelector.withFailover(flavor);
    }

    /**
     * @param flavor the client to match
     * @return that client's ketama ring without failover: a key whose server is down goes to no server
     */
    public static Selector ketamaWithoutFailover(KetamaFlavor flavor) {
        return KetamaSelector.withoutFailover(flavor);
    }

    /** @return python-memcached 1.59's weighted buckets with its 10-try rehash on a down server */
    public static Selector pythonMemcached() {
        return PythonMemcachedSelector.INSTANCE;
    }

    /** @return rendezvous (highest random weight) hashing, weights honoured, for deployments with no legacy client */
    public static Selector rendezvous() {
        return RendezvousSelector.WITH_FAILOVER;
    }

    /** @return {@link #rendezvous()} without failover: a key whose best server is down goes to no server */
    public static Selector rendezvousWithoutFailover() {
        return RendezvousSelector.WITHOUT_FAILOVER;
    }
}
