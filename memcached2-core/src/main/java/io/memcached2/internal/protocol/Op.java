package io.memcached2.internal.protocol;

/** Every command the codecs encode. */
public enum Op {
    GET,
    GETS,
    GAT,
    GATS,
    TOUCH,
    SET,
    ADD,
    REPLACE,
    APPEND,
    PREPEND,
    CAS,
    DELETE,
    INCR,
    DECR,
    GET_MULTI,
    GETS_MULTI,
    FLUSH_ALL,
    VERSION,
    STATS,
    VERBOSITY,
    NOOP;

    /** @return true for commands that carry a data block */
    public boolean isStore() {
        switch (this) {
            case SET:
            case ADD:
            case REPLACE:
            case APPEND:
            case PREPEND:
            case CAS:
                return true;
            default:
                return false;
        }
    }

    /** @return true for commands that name one key */
    public boolean hasKey() {
        switch (this) {
            case GET_MULTI:
            case GETS_MULTI:
            case FLUSH_ALL:
            case VERSION:
            case STATS:
            case VERBOSITY:
            case NOOP:
                return false;
            default:
                return true;
        }
    }
}
