package io.memcached2.internal.commands;

import io.memcached2.Store;
import io.memcached2.internal.transport.Request;
import java.time.Duration;

/** Fills a blank request from a call's arguments, or throws on a bad one before anything is sent. */
@FunctionalInterface
interface Fill {
    /**
     * @param value the value of a store, else null
     * @param n the CAS unique or the delta, where the command has one, else 0
     * @param ttl the TTL, where the command has one, else null
     * @param options the store options, where the command has them, else null
     */
    void fill(Request r, String key, Object value, long n, Duration ttl, Store options);
}
