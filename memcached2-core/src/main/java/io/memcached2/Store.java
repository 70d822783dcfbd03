package io.memcached2;

import java.time.Duration;
import java.util.Objects;

/**
 * Options of a store: time to live and client flags. Immutable; {@code Store.ttl(Duration.ofMinutes(5)).flags(3)}.
 * A TTL over 30 days is sent as an absolute time, as memcached requires; zero means "never expires".
 */
public final class Store {
    /** No expiry, and the transcoder's flags. */
    public static final Store DEFAULT = new Store(Duration.ZERO, null, Duration.ZERO);

    private final Duration ttl;
    private final Integer flags;
    private final Duration refreshAhead;

    private Store(Duration ttl, Integer flags, Duration refreshAhead) {
        this.ttl = ttl;
        this.flags = flags;
        this.refreshAhead = refreshAhead;
    }

    /**
     * @param ttl how long the item lives; zero for never; a positive TTL under one second is rounded up to one
     * @return options with this TTL
     * @throws IllegalArgumentException if the TTL is negative
     */
    public static Store ttl(Duration ttl) {
        return DEFAULT.expiring(ttl);
    }

    /**
     * @param ttl how long the item lives; zero for never
     * @return these options with another TTL (see {@link #ttl(Duration)})
     */
    public Store expiring(Duration ttl) {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("TTL must not be negative: " + ttl);
        }
        return new Store(ttl, flags, refreshAhead);
    }

    /**
     * @param flags client flags stored with the item, overriding the transcoder's (an unsigned 32-bit number)
     * @return these options with the flags
     */
    public Store flags(int flags) {
        return new Store(ttl, flags, refreshAhead);
    }

    /**
     * For {@code cache()} with the meta protocol: when a reader finds less than this much TTL left, one reader (across
     * every client of the server) refreshes the value in the background while everyone keeps reading the current one.
     *
     * @param before how long before expiry to refresh; zero turns it off (the default)
     * @return these options with early refresh
     */
    public Store refreshAhead(Duration before) {
        Objects.requireNonNull(before, "before");
        if (before.isNegative()) {
            throw new IllegalArgumentException("refresh-ahead must not be negative: " + before);
        }
        return new Store(ttl, flags, before);
    }

    /** @return the refresh-ahead window; zero when off */
    public Duration refreshAheadWindow() {
        return refreshAhead;
    }

    /** @return the TTL; zero means never expires */
    public Duration ttl() {
        return ttl;
    }

    /** @return the flags given, or null to use the transcoder's */
    public Integer flagsOverride() {
        return flags;
    }

    @Override
    public String toString() {
        return "Store[ttl=" + ttl + (flags != null ? ", flags=" + Integer.toUnsignedString(flags) : "") + "]";
    }
}
