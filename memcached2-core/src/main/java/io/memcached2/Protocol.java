package io.memcached2;

/** Which wire protocol the client speaks. */
public enum Protocol {
    /** Probe each new connection once: meta if the server speaks it, text otherwise. The default. */
    AUTO,
    /** memcached's meta protocol (memcached 1.6 and later). */
    META,
    /** The classic text protocol (older servers, twemproxy). */
    TEXT
}
