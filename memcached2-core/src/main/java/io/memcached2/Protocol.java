package io.memcached2;

/** Which wire protocol the client speaks. */
public enum Protocol {
    /** Probe each new connection once: meta if the server speaks it, text otherwise. The default. */
    AUTO,
    /** memcached's meta protocol (memcached 1.6 and later). */
    META,
    /** The classic text protocol (older servers, twemproxy). */
    TEXT,
    /**
     * memcached's binary protocol, the only one that carries SASL authentication ({@code memcached -S}); deprecated by
     * memcached since 1.6. Chosen only by name: {@link #AUTO} never picks it. It cannot express leases, early
     * recache, stale items or remaining TTLs, which are refused (see the README).
     */
    BINARY
}
