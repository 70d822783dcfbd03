package io.memcached2;

import java.util.Map;

/**
 * One server's answer to {@code stats} (or {@code stats <kind>}): the raw name/value pairs, with numbers parsed on
 * request. What the pairs are depends on the kind: {@code STAT name value} lines give name and value; {@code detail
 * dump} gives each key prefix with its counters ({@code "user" -> "get 2 hit 1 set 1 del 0"}); {@code cachedump}
 * gives each key with its size and expiry time ({@code "k" -> "[1 b; 0 s]"}); {@code reset} and {@code detail on}
 * or {@code off} give no pairs.
 */
public final class ServerStats {
    private final ServerAddress server;
    private final Map<String, String> raw;

    /**
     * @param server the server that answered
     * @param raw the pairs, in the order the server sent them
     */
    public ServerStats(ServerAddress server, Map<String, String> raw) {
        this.server = server;
        this.raw = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(raw));
    }

    /** @return the server that answered */
    public ServerAddress server() {
        return server;
    }

    /** @return every pair as the server sent it */
    public Map<String, String> raw() {
        return raw;
    }

    /**
     * @param name the statistic, as the server names it ({@code curr_items})
     * @return the value of a statistic, or null if the server did not send it
     */
    public String get(String name) {
        return raw.get(name);
    }

    /**
     * @param name a statistic such as {@code curr_items}
     * @return its value as a number (a decimal value is truncated)
     * @throws IllegalArgumentException if it is missing or not a number
     */
    public long number(String name) {
        String v = raw.get(name);
        if (v == null) {
            throw new IllegalArgumentException("server " + server.hostAndPort() + " sent no statistic '" + name + "'");
        }
        try {
            return v.indexOf('.') >= 0 ? (long) Double.parseDouble(v) : Long.parseUnsignedLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "statistic '" + name + "' of server " + server.hostAndPort() + " is not a number: '" + v + "'", e);
        }
    }

    /** @return {@code curr_items}: the items the server holds now */
    public long currItems() {
        return number("curr_items");
    }

    /** @return {@code uptime} in seconds */
    public long uptime() {
        return number("uptime");
    }

    /** @return {@code version} */
    public String version() {
        return raw.get("version");
    }

    @Override
    public String toString() {
        return "ServerStats[" + server.hostAndPort() + ", " + raw.size() + " values]";
    }
}
