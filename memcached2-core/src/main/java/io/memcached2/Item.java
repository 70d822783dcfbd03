package io.memcached2;

import java.util.Objects;

/**
 * A value read together with its key, client flags and CAS unique.
 *
 * @param <V> the value type
 */
public final class Item<V> {
    private final String key;
    private final V value;
    private final int flags;
    private final long cas;

    /**
     * @param key the key
     * @param value the decoded value
     * @param flags the client flags (unsigned 32-bit)
     * @param cas the CAS unique, or 0 if it was not asked for
     */
    public Item(String key, V value, int flags, long cas) {
        this.key = Objects.requireNonNull(key, "key");
        this.value = value;
        this.flags = flags;
        this.cas = cas;
    }

    /** @return the key */
    public String key() {
        return key;
    }

    /** @return the value */
    public V value() {
        return value;
    }

    /** @return the client flags, an unsigned 32-bit number held in an int */
    public int flags() {
        return flags;
    }

    /** @return the CAS unique (an unsigned 64-bit number), or 0 when it was not read */
    public long cas() {
        return cas;
    }

    @Override
    public String toString() {
        return "Item[key=" + key + ", flags=" + Integer.toUnsignedString(flags) + ", cas=" + Long.toUnsignedString(cas)
                + ", value=" + value + "]";
    }
}
