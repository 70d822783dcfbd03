package io.memcached2.internal.commands;

import io.memcached2.internal.transport.Request;
import java.nio.charset.StandardCharsets;

/** What incr/decr with an initial value needs from the request, in both executors. */
final class Arithmetic {
    private Arithmetic() {}

    /** Meta incr/decr: creates the counter at {@code initial} with this exptime when it is missing. */
    static <R extends Request> R autoCreate(R r, long initial, int exptime) {
        r.autoCreate = true;
        r.initial = initial;
        r.exptime = exptime;
        return r;
    }

    /** @return the counter's initial value as memcached stores it: unsigned decimal ASCII */
    static byte[] decimal(long initial) {
        return Long.toUnsignedString(initial).getBytes(StandardCharsets.US_ASCII);
    }
}
