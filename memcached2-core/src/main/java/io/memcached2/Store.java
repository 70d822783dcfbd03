package io.memcached2;

import java.time.Duration;
import java.util.Objects;

/**
 * Options of a store: time to live and client flags. Immutable; {@code Store.ttl(Duration.ofMinutes(5)).flags(3)}.
 * A TTL over 30 days is sent as an absolute time, as memcached requires; zero means "never expires".
 */
public final class Store {
    /** No expiry, and the transcoder's flags. */
    public static final Store DEFAULT = new Store(Duration.ZERO, null);

    private final Duration ttl;
    private final Integer flags;

    private Store(Duration ttl, Integer flags) {
        this.ttl = ttl;
        this.flags = flags;
    }

    /**
     * @param ttl how long the item lives; zero for never; a positive TTL under one second is rounded up to one
     * @return options with this TTL
     * @throws IllegalArgumentException if the TTL is negative
     */
    public static Store ttl(Duration ttl) {
        return DEFAULT.expiring(ttl);
    }

    /** @return these options with another TTL (see {@link #ttl(Duration)}) */
    public Store expiring(Duration ttl) {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("TTL must not be negative: " + ttl);
        }
        return new Store(ttl, flags);
    }

    /**
     * @param flags client flags stored with the item, overriding the transcoder's (an unsigned 32-bit number)
     * @return these options with the flags
     */
    public Store flags(int flags) {
        return new Store(ttl, flags);
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
