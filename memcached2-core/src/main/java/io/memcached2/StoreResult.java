package io.memcached2;

/** What the server said to one store of a multi-key store. */
public enum StoreResult {
    /** The value was stored. */
    STORED,
    /** The command's condition failed (add on an existing key, replace on a missing one). */
    NOT_STORED,
    /** A CAS store found that the item had changed. */
    EXISTS,
    /** A CAS store found no item. */
    NOT_FOUND,
    /** The server or the connection failed before this key's answer arrived. */
    FAILED;

    /** @return true for {@link #STORED} */
    public boolean stored() {
        return this == STORED;
    }
}
