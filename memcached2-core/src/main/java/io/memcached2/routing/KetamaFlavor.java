package io.memcached2.routing;

/**
 * Which client's ketama ring to reproduce. Each flavour fixes the node string, the points per server, the key hash,
 * the tie rule for shared points and the failover rule, as PROTOCOL-NOTES §3 describes them.
 */
public enum KetamaFlavor {
    /**
     * libmemcached's weighted MD5 ketama: 160 points shared out by weight (32-bit float formula), node string
     * {@code host[:port]-i} from the configured text. Matches pylibmc {@code {'ketama_weighted': True}}, spymemcached
     * {@code KETAMA_HASH} with {@code Format.SPYMEMCACHED} given IP literals on ports other than 11211, and twemproxy
     * {@code distribution: ketama, hash: md5} for servers without names. Failover walks the ring.
     */
    LIBMEMCACHED_WEIGHTED,
    /**
     * pylibmc {@code {'ketama': True}} (libmemcached {@code BEHAVIOR_KETAMA}): one-at-a-time key hash, 100
     * one-at-a-time points per server, or the weighted MD5 continuum once a weight above 1 is present (the key hash
     * stays one-at-a-time). Failover walks the ring.
     */
    LIBMEMCACHED_KETAMA,
    /**
     * spymemcached {@code KetamaNodeLocator} with {@code KETAMA_HASH} and {@code Format.SPYMEMCACHED}: node string
     * {@code ip:port} or {@code host/ip:port} (host names resolved when the ring is built), the later server wins a
     * shared point, failover by its {@code KetamaIterator}.
     */
    SPYMEMCACHED,
    /**
     * spymemcached with {@code Format.LIBMEMCACHED}: node string {@code getHostName()[:port]}, which for an IP
     * literal is a reverse DNS name (so it rarely matches libmemcached); otherwise as {@link #SPYMEMCACHED}.
     */
    SPYMEMCACHED_LIBMEMCACHED_FORMAT,
    /**
     * xmemcached's default {@code KetamaMemcachedSessionLocator} with the default builder: node string
     * {@code host/ip:port} after a reverse lookup ({@code localhost/127.0.0.1:port}), 160 points times the weight,
     * shared points resolved by {@code list[point % size]}, failover by its {@code nextHash}.
     */
    XMEMCACHED,
    /** As {@link #XMEMCACHED} with the builder's {@code doNotResolveInetAddresses()}: node string {@code /ip:port}. */
    XMEMCACHED_UNRESOLVED,
    /**
     * twemproxy {@code distribution: ketama} with its default {@code hash: fnv1a_64} (really a 32-bit variant):
     * the weighted MD5 continuum over server names ({@code ?name=}) or {@code host[:port]}. twemproxy rebuilds the
     * ring without ejected servers; failover here walks the ring instead. {@code hash_tag} is not supported.
     */
    TWEMPROXY,
    /** As {@link #TWEMPROXY} with {@code hash: md5}. */
    TWEMPROXY_MD5
}
