package io.memcached2;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The seed's value wrapper: a value read with {@code gets} ({@link Memcache#value(String)}) that carries its key,
 * flags and CAS unique, and acts on its own key.
 *
 * <p>While it carries a CAS unique, {@link #set} is a compare-and-swap store and {@link #delete} deletes only if
 * the item is unchanged. The CAS unique is good for one such command: it is consumed when the command is sent,
 * whatever the outcome, and using it again throws {@link CASFailure} without asking the server. The commands that
 * cannot honour a CAS unique ({@link #append}, {@link #prepend}, {@link #incr}, {@link #decr}, {@link #touch},
 * {@link #deleteAll}) refuse to run while it carries one: {@link #withoutCas()} gives a copy that runs them
 * regardless of changes made by others.
 *
 * <p>Immutable apart from whether its CAS unique was used, which is tracked atomically: safe to share between
 * threads. The commands throw the client's exceptions (errors exposed).
 *
 * @param <V> the value type
 */
public final class Value<V> {
    private final Memcache<V> memcache;
    private final Item<V> item;
    private final AtomicBoolean casUsed = new AtomicBoolean();

    Value(Memcache<V> memcache, Item<V> item) {
        this.memcache = Objects.requireNonNull(memcache, "memcache");
        this.item = Objects.requireNonNull(item, "item");
    }

    /** @return the key */
    public String key() {
        return item.key();
    }

    /** @return the value as it was read */
    public V value() {
        return item.value();
    }

    /** @return the client flags read with the value, an unsigned 32-bit number held in an int */
    public int flags() {
        return item.flags();
    }

    /** @return the CAS unique read with the value (an unsigned 64-bit number), or 0 if it carries none */
    public long cas() {
        return item.cas();
    }

    /** @return whether it carries a CAS unique (used or not) */
    public boolean hasCas() {
        return item.cas() != 0;
    }

    /** @return a copy without a CAS unique, whose commands act on the key whatever others did to it since */
    public Value<V> withoutCas() {
        return new Value<>(memcache, new Item<>(item.key(), item.value(), item.flags(), 0));
    }

    /**
     * Stores a new value: a CAS store ({@link Memcache#cas}) when it carries a CAS unique, else a plain
     * {@link Memcache#set}.
     *
     * @param newValue the value to store
     * @throws CASFailure if the item changed since it was read, or the CAS unique was already used
     * @throws NotFound if it carries a CAS unique and the item is gone
     */
    public void set(V newValue) {
        set(newValue, Store.DEFAULT);
    }

    /**
     * {@link #set(Object)} with a TTL and optional flags.
     *
     * @param newValue the value to store
     * @param options the TTL and flags
     */
    public void set(V newValue, Store options) {
        // checked here, before a CAS unique is used up on a call that could never be sent
        Objects.requireNonNull(newValue, "newValue");
        Objects.requireNonNull(options, "options");
        if (hasCas()) {
            memcache.cas(item.key(), newValue, useCas(), options);
        } else {
            memcache.set(item.key(), newValue, options);
        }
    }

    /**
     * {@link #set(Object)}, then reads the key back with {@code gets} for a fresh CAS unique: the seed's "update
     * CAS" option. If another writer stores between the two commands, the value returned holds what it wrote.
     *
     * @param newValue the value to store
     * @return the value as read back, with its new CAS unique
     * @throws CASRefreshFailure if the store succeeded but the read back did not (a miss or server trouble)
     */
    public Value<V> setAndRefresh(V newValue) {
        return setAndRefresh(newValue, Store.DEFAULT);
    }

    /**
     * {@link #setAndRefresh(Object)} with a TTL and optional flags.
     *
     * @param newValue the value to store
     * @param options the TTL and flags
     * @return the value as read back
     */
    public Value<V> setAndRefresh(V newValue, Store options) {
        set(newValue, options);
        try {
            return new Value<>(memcache, memcache.gets(item.key()));
        } catch (NoValue e) {
            throw new CASRefreshFailure(
                    "stored '" + item.key() + "' but it was gone when read back for its CAS unique");
        } catch (MemcachedException e) {
            throw new CASRefreshFailure("stored '" + item.key() + "' but reading back its CAS unique failed: " + e, e);
        }
    }

    /**
     * {@link Memcache#append}; throws {@link NotStored} if the key is absent. Refused while it carries a CAS.
     *
     * @param suffix the value to add after the stored one
     */
    public void append(V suffix) {
        refuseWithCas("append");
        memcache.append(item.key(), suffix);
    }

    /**
     * {@link Memcache#prepend}; throws {@link NotStored} if the key is absent. Refused while it carries a CAS.
     *
     * @param prefix the value to add before the stored one
     */
    public void prepend(V prefix) {
        refuseWithCas("prepend");
        memcache.prepend(item.key(), prefix);
    }

    /**
     * {@link Memcache#incr(String, long)}. Refused while it carries a CAS.
     *
     * @param delta how much to add, not negative
     * @return the new value
     */
    public long incr(long delta) {
        refuseWithCas("incr");
        return memcache.incr(item.key(), delta);
    }

    /**
     * {@link Memcache#decr(String, long)}. Refused while it carries a CAS.
     *
     * @param delta how much to subtract, not negative; the counter stops at 0
     * @return the new value
     */
    public long decr(long delta) {
        refuseWithCas("decr");
        return memcache.decr(item.key(), delta);
    }

    /**
     * {@link Memcache#touch}; throws {@link NotFound} if the key is absent. Refused while it carries a CAS.
     *
     * @param ttl the new time to live; zero for never
     */
    public void touch(Duration ttl) {
        refuseWithCas("touch");
        memcache.touch(item.key(), ttl);
    }

    /**
     * Deletes the key: with its CAS unique when it carries one ({@link Memcache#delete(String, long)}, meta
     * protocol only), else unconditionally.
     *
     * @return true if deleted, false if there was no such key
     * @throws CASFailure if the item changed since it was read, or the CAS unique was already used
     */
    public boolean delete() {
        return hasCas() ? memcache.delete(item.key(), useCas()) : memcache.delete(item.key());
    }

    /**
     * {@link Memcache#deleteAll}: deletes the key from every server. Refused while it carries a CAS, since the
     * copies on other servers have CAS uniques of their own.
     *
     * @return true if any server held the key
     */
    public boolean deleteAll() {
        refuseWithCas("deleteAll");
        return memcache.deleteAll(item.key());
    }

    /**
     * The seed's dictionary form: {@code key}, {@code value}, {@code flags} (an Integer) and {@code cas_unique} (a
     * Long, or null when it carries none).
     *
     * @return an unmodifiable map, in that order
     */
    public Map<String, Object> asMap() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("key", item.key());
        fields.put("value", item.value());
        fields.put("flags", item.flags());
        fields.put("cas_unique", hasCas() ? item.cas() : null);
        return Collections.unmodifiableMap(fields);
    }

    private long useCas() {
        if (!casUsed.compareAndSet(false, true)) {
            throw new CASFailure("the CAS unique of '" + item.key() + "' was already used; read the value again, or use"
                    + " withoutCas()");
        }
        return item.cas();
    }

    private void refuseWithCas(String command) {
        if (hasCas()) {
            throw new IllegalStateException(command + " cannot honour the CAS unique that this value of '" + item.key()
                    + "' carries; use withoutCas()." + command + "(...) to act regardless of changes");
        }
    }

    @Override
    public String toString() {
        return "Value[key=" + item.key() + ", flags=" + Integer.toUnsignedString(item.flags()) + ", cas="
                + Long.toUnsignedString(item.cas()) + (casUsed.get() ? " (used)" : "") + ", value=" + item.value()
                + "]";
    }
}
