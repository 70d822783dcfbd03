package io.memcached2;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;

/**
 * The seed's mapping interface, as a {@link ConcurrentMap} over the servers; see {@link Memcache#asMap()}.
 *
 * <p>Keys are memcached keys and values go through the client's transcoder. Neither may be null. A read that
 * misses is "no such key"; server trouble throws the client's exceptions (use
 * {@link Memcache#exceptionsAreMisses()} to read trouble as misses). The conditional methods
 * ({@link #putIfAbsent}, {@link #replace(String, Object, Object)}, {@link #remove(Object, Object)}) are atomic on
 * the server, so the {@code ConcurrentMap} defaults built on them ({@code computeIfAbsent}, {@code compute},
 * {@code computeIfPresent}, {@code merge}) are correct under contention from any number of clients. Values are
 * compared with {@link Objects#deepEquals}, so byte arrays compare by content. {@link #remove(Object, Object)}
 * needs the meta protocol's delete with a CAS unique; over the text protocol it throws
 * {@link UnsupportedOperationException}.
 *
 * <p>memcached cannot list its keys, so the views and bulk reads ({@link #keySet}, {@link #values},
 * {@link #entrySet}, {@link #forEach}, {@link #replaceAll}, {@link #containsValue}) throw
 * {@link UnsupportedOperationException}. {@link #equals} and {@link #hashCode} are identity, for the same reason.
 *
 * @param <V> the value type
 */
final class MemcacheMap<V> implements ConcurrentMap<String, V> {
    /** Conditional updates retry when another writer changed the item between their read and their swap. */
    private static final int MAX_ATTEMPTS = 32;

    private static final String NO_LISTING = "memcached cannot list its keys, so a map over it cannot ";

    private final Memcache<V> memcache;

    MemcacheMap(Memcache<V> memcache) {
        this.memcache = Objects.requireNonNull(memcache, "memcache");
    }

    private V read(String key) {
        try {
            return memcache.get(key);
        } catch (NoValue miss) {
            return null;
        }
    }

    private Item<V> readItem(String key) {
        try {
            return memcache.gets(key);
        } catch (NoValue miss) {
            return null;
        }
    }

    private static CASFailure contended(String key) {
        return new CASFailure(
                "key '" + key + "' changed between read and swap on each of " + MAX_ATTEMPTS + " attempts");
    }

    /**
     * memcached {@code get}.
     *
     * @return the value, or null on a miss or when the key is not a {@code String}
     * @throws NullPointerException if the key is null
     * @throws IllegalArgumentException if the key is not a valid memcached key
     */
    @Override
    public V get(Object key) {
        Objects.requireNonNull(key, "key");
        return key instanceof String ? read((String) key) : null;
    }

    /**
     * memcached {@code get}: the value is fetched, since memcached has no cheaper existence test in this API.
     *
     * @return true if the server holds the key; false on a miss or when the key is not a {@code String}
     */
    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    /**
     * memcached {@code get} then {@code set}. <b>Not atomic</b>: another writer may change the item between the
     * two, in which case the value returned is not the one this store replaced.
     *
     * @return the value read just before the store, or null if there was none
     */
    @Override
    public V put(String key, V value) {
        Objects.requireNonNull(value, "value");
        V previous = read(key);
        memcache.set(key, value);
        return previous;
    }

    /**
     * memcached {@code get} then {@code delete}. <b>Not atomic</b>: another writer may change the item between the
     * two, in which case the value returned is not the one this call deleted.
     *
     * @return the value read just before the delete; null if none was read, nothing was deleted or the key is not
     *     a {@code String}
     */
    @Override
    public V remove(Object key) {
        Objects.requireNonNull(key, "key");
        if (!(key instanceof String)) {
            return null;
        }
        V previous = read((String) key);
        return memcache.delete((String) key) ? previous : null;
    }

    /**
     * memcached {@code add}, atomic on the server; when the key exists, a {@code get} reads its value (and the
     * {@code add} is tried again if the key vanished in between).
     *
     * @return null if this call stored the value, else the current value
     * @throws CASFailure if the key kept appearing and vanishing
     */
    @Override
    public V putIfAbsent(String key, V value) {
        Objects.requireNonNull(value, "value");
        for (int i = 0; i < MAX_ATTEMPTS; i++) {
            try {
                memcache.add(key, value);
                return null;
            } catch (NotStored present) {
                V current = read(key);
                if (current != null) {
                    return current;
                }
            }
        }
        throw contended(key);
    }

    /**
     * memcached {@code gets}, a comparison in this process, then {@code cas}: atomic on the server, retried when
     * the item changed in between and still holds a value equal to {@code oldValue}.
     *
     * @return true if the value was replaced; false if the key is absent or holds another value
     * @throws CASFailure if the item changed between read and swap on every one of a bounded number of attempts
     */
    @Override
    public boolean replace(String key, V oldValue, V newValue) {
        Objects.requireNonNull(oldValue, "oldValue");
        Objects.requireNonNull(newValue, "newValue");
        for (int i = 0; i < MAX_ATTEMPTS; i++) {
            Item<V> current = readItem(key);
            if (current == null || !Objects.deepEquals(current.value(), oldValue)) {
                return false;
            }
            try {
                memcache.cas(key, newValue, current.cas());
                return true;
            } catch (NotFound gone) {
                return false;
            } catch (CASFailure changed) {
                // read again: the new value may still equal oldValue
            }
        }
        throw contended(key);
    }

    /**
     * memcached {@code gets} then {@code cas}: atomic on the server, retried when the item changed in between.
     *
     * @return the value replaced, or null if the key was absent (nothing is stored then)
     * @throws CASFailure if the item changed between read and swap on every one of a bounded number of attempts
     */
    @Override
    public V replace(String key, V value) {
        Objects.requireNonNull(value, "value");
        for (int i = 0; i < MAX_ATTEMPTS; i++) {
            Item<V> current = readItem(key);
            if (current == null) {
                return null;
            }
            try {
                memcache.cas(key, value, current.cas());
                return current.value();
            } catch (NotFound gone) {
                return null;
            } catch (CASFailure changed) {
                // another writer won; replace what it wrote
            }
        }
        throw contended(key);
    }

    /**
     * memcached {@code gets}, a comparison in this process, then {@code delete} with the CAS unique read: atomic on
     * the server, retried when the item changed in between and still holds an equal value.
     *
     * @return true if the entry was removed; false if the key is absent, holds another value or is not a
     *     {@code String}
     * @throws CASFailure if the item changed between read and delete on every one of a bounded number of attempts
     * @throws UnsupportedOperationException over the text protocol, which has no delete with a CAS unique; so too
     *     the defaults that remove through it ({@code compute}, {@code computeIfPresent} and {@code merge} when
     *     the function returns null)
     */
    @Override
    public boolean remove(Object key, Object value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        if (!(key instanceof String)) {
            return false;
        }
        String k = (String) key;
        for (int i = 0; i < MAX_ATTEMPTS; i++) {
            Item<V> current = readItem(k);
            if (current == null || !Objects.deepEquals(current.value(), value)) {
                return false;
            }
            try {
                return memcache.delete(k, current.cas());
            } catch (CASFailure changed) {
                // read again: the new value may still equal value
            } catch (IllegalArgumentException textProtocol) {
                // the key passed gets, so what the client refuses is a delete with a CAS unique over text
                throw new UnsupportedOperationException(
                        "remove(key, value) needs an atomic delete with a CAS"
                                + " unique, which only the meta protocol offers",
                        textProtocol);
            }
        }
        throw contended(k);
    }

    /**
     * The sum of {@code curr_items} over every server, as the seed computes it; a server that is down counts 0.
     * An estimate: memcached counts items that have expired or were flushed until it reclaims them.
     *
     * @return the number of items, at most {@link Integer#MAX_VALUE}
     */
    @Override
    public int size() {
        long items = 0;
        for (ServerStats s : memcache.stats()) {
            if (s != null) {
                items += s.currItems();
            }
        }
        return (int) Math.min(items, Integer.MAX_VALUE);
    }

    /** @return whether {@link #size()} is 0, with the same caveats */
    @Override
    public boolean isEmpty() {
        return size() == 0;
    }

    /**
     * memcached {@code set} for each entry, pipelined per server ({@link Memcache#setMulti(Map)}).
     *
     * @throws MultiStorageException if a server failed part-way; it says which keys were stored
     */
    @Override
    public void putAll(Map<? extends String, ? extends V> entries) {
        Map<String, V> copy = new LinkedHashMap<>(entries);
        copy.forEach((k, v) -> Objects.requireNonNull(v, "value"));
        memcache.setMulti(copy);
    }

    /** memcached {@code flush_all} on every server: it empties the whole cache, not only keys put through this map. */
    @Override
    public void clear() {
        memcache.flushAll();
    }

    /** @throws UnsupportedOperationException always: memcached cannot list its values */
    @Override
    public boolean containsValue(Object value) {
        throw new UnsupportedOperationException(NO_LISTING + "search its values");
    }

    /** @throws UnsupportedOperationException always: memcached cannot list its keys */
    @Override
    public Set<String> keySet() {
        throw new UnsupportedOperationException(NO_LISTING + "offer a key set");
    }

    /** @throws UnsupportedOperationException always: memcached cannot list its keys */
    @Override
    public Collection<V> values() {
        throw new UnsupportedOperationException(NO_LISTING + "offer a collection of values");
    }

    /** @throws UnsupportedOperationException always: memcached cannot list its keys */
    @Override
    public Set<Map.Entry<String, V>> entrySet() {
        throw new UnsupportedOperationException(NO_LISTING + "offer an entry set or be iterated");
    }

    /** @throws UnsupportedOperationException always: memcached cannot list its keys */
    @Override
    public void forEach(BiConsumer<? super String, ? super V> action) {
        throw new UnsupportedOperationException(NO_LISTING + "visit every entry");
    }

    /** @throws UnsupportedOperationException always: memcached cannot list its keys */
    @Override
    public void replaceAll(BiFunction<? super String, ? super V, ? extends V> function) {
        throw new UnsupportedOperationException(NO_LISTING + "replace every entry");
    }

    /**
     * Identity: comparing two maps would need their keys, which memcached cannot list.
     *
     * @return this == o
     */
    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    /**
     * Identity, consistent with {@link #equals}.
     *
     * @return the identity hash code
     */
    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    @Override
    public String toString() {
        return "MemcacheMap[" + memcache + "]";
    }
}
