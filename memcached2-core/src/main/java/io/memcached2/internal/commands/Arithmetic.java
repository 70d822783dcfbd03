package io.memcached2.internal.commands;

import java.nio.charset.StandardCharsets;

/** What incr/decr with an initial value needs from the request, in both executors. */
final class Arithmetic {
    private Arithmetic() {}

    /** @return the counter's initial value as memcached stores it: unsigned decimal ASCII */
    static byte[] decimal(long initial) {
        return Long.toUnsignedString(initial).getBytes(StandardCharsets.US_ASCII);
    }
}
