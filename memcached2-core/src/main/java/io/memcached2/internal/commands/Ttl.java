package io.memcached2.internal.commands;

import java.time.Duration;

/** Converts a TTL to memcached's exptime: seconds up to 30 days, an absolute Unix time beyond. */
final class Ttl {
    private static final long THIRTY_DAYS = 60L * 60 * 24 * 30;

    private Ttl() {}

    /**
     * @param ttl a non-negative duration; zero means never
     * @return the exptime to send
     * @throws IllegalArgumentException if negative, or so long that the absolute time overflows 32 bits
     */
    static int exptime(Duration ttl) {
        if (ttl == null) {
            throw new IllegalArgumentException("TTL is null");
        }
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("TTL must not be negative: " + ttl);
        }
        if (ttl.isZero()) {
            return 0;
        }
        if (ttl.getSeconds() >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException("TTL " + ttl + " is beyond what memcached can express");
        }
        long seconds = ttl.getSeconds() + (ttl.getNano() > 0 ? 1 : 0);
        if (seconds <= THIRTY_DAYS) {
            return (int) seconds;
        }
        long absolute = System.currentTimeMillis() / 1000 + seconds;
        if (absolute > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("TTL " + ttl + " ends after 2038, beyond what memcached can express");
        }
        return (int) absolute;
    }
}
