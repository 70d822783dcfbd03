package io.memcached2.internal.commands;

import io.memcached2.internal.protocol.Status;
import io.memcached2.internal.transport.Request;

/**
 * What a lease read ({@code mg <key> v f c N<lease>}, without {@code R}) says, and so what {@code cache()} does next.
 *
 * <p>A read that misses makes the server create a placeholder: an ordinary item of 0 bytes with client flags 0,
 * handed to that reader with {@code W}; later readers get {@code Z} until it is replaced (PROTOCOL-NOTES §1.9). Its
 * data and flags are those of any empty value stored with flags 0, so the data alone cannot tell them apart. The
 * lease flags can: every placeholder has had its token handed out, so an item with neither {@code W} nor {@code Z}
 * is a real value, whatever its size. The read carries no {@code R}, so a {@code W} without {@code X} on a 0-byte,
 * flags-0 item means this read created the placeholder. A token on an empty item that is not a placeholder comes only
 * from a reader's {@code R} or from invalidation ({@code X}); {@code cache()} never sends {@code R} for such an item,
 * and treats a stale one as the invalidated placeholder it may be: loaded, or waited for, but never served.
 */
enum LeaseReply {
    /** A value: return it. */
    VALUE,
    /** A stale value whose token this reader won: return it and refresh it in the background. */
    REFRESH,
    /** A placeholder whose token this reader holds: load, and store with the reply's CAS unique. */
    LOAD,
    /** A placeholder another reader is loading: read again after a pause. */
    WAIT,
    /** No item and no placeholder (text protocol, or the server could not create one): load and store. */
    MISS;

    /**
     * @return what the completed read says
     * @throws MemcachedException the read's failure, or for a reply a read cannot have
     */
    static LeaseReply of(Request r) {
        Status s = Outcomes.status(r);
        if (s == Status.MISS) {
            return MISS;
        }
        if (s != Status.HIT) {
            throw Outcomes.unexpected(r);
        }
        boolean placeholderShaped = r.data().length == 0 && r.flags() == 0;
        if (r.win()) {
            return placeholderShaped ? LOAD : REFRESH;
        }
        return r.leaseTaken() && placeholderShaped ? WAIT : VALUE;
    }

    /** @return whether the reply is a fresh value nobody holds a token on, one early refresh may apply to */
    static boolean refreshable(Request r) {
        return !r.win() && !r.leaseTaken() && !r.stale() && (r.data().length != 0 || r.flags() != 0);
    }
}
