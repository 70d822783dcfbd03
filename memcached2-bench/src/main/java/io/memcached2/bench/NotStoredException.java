package io.memcached2.bench;

/** A peer client reported that the server did not store a value (its API returns a flag instead of throwing). */
public final class NotStoredException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * @param key the key whose set was refused
     * @param detail what the client said
     */
    public NotStoredException(String key, String detail) {
        super("not stored: " + key + " (" + detail + ")", null, false, false);
    }
}
