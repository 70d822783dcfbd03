package io.memcached2.cli.top;

import io.memcached2.ServerStats;

/**
 * What one server did between two samples of its statistics, and where it stands at the second.
 *
 * @param getsPerSecond gets per second ({@code cmd_get})
 * @param setsPerSecond sets per second ({@code cmd_set})
 * @param hitPercent hits of the interval's gets, in percent, or -1 when there were no gets
 * @param evictions evictions since the server started
 * @param newEvictions evictions in the interval
 * @param bytesUsed memory used by items ({@code bytes})
 * @param bytesLimit the memory limit ({@code limit_maxbytes})
 * @param connections open connections ({@code curr_connections})
 */
public record ServerRates(
        double getsPerSecond,
        double setsPerSecond,
        double hitPercent,
        long evictions,
        long newEvictions,
        long bytesUsed,
        long bytesLimit,
        long connections) {

    /**
     * @param before the earlier sample
     * @param after the later sample
     * @param seconds time between them
     * @return the rates between them; counters that went backwards (a restarted server) count from 0
     */
    public static ServerRates between(ServerStats before, ServerStats after, double seconds) {
        long gets = delta(before, after, "cmd_get");
        long hits = delta(before, after, "get_hits");
        return new ServerRates(
                gets / seconds,
                delta(before, after, "cmd_set") / seconds,
                gets == 0 ? -1 : 100.0 * hits / gets,
                number(after, "evictions"),
                delta(before, after, "evictions"),
                number(after, "bytes"),
                number(after, "limit_maxbytes"),
                number(after, "curr_connections"));
    }

    private static long delta(ServerStats before, ServerStats after, String name) {
        long now = number(after, name);
        long then = number(before, name);
        return now >= then ? now - then : now;
    }

    private static long number(ServerStats s, String name) {
        try {
            return s.number(name);
        } catch (IllegalArgumentException missing) {
            // Proxies and old servers leave some statistics out: a zero is better than no view.
            return 0;
        }
    }
}
