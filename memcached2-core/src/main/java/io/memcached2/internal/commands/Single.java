package io.memcached2.internal.commands;

import io.memcached2.internal.transport.ReplyMapper;

/**
 * A command of one request, as the table defines it: its name in events, how its request is filled, and how its
 * reply maps for each client ({@link #strict} for the blocking client, where a miss throws, {@link #lenient} for the
 * asynchronous one, where a miss is null).
 *
 * @param <T> the result type
 */
public final class Single<T> {
    final String name;
    final Fill fill;
    final ReplyMapper<T> strict;
    final ReplyMapper<T> lenient;
    final Kind kind;

    /** How a reply's status reads as an {@link io.memcached2.event.Outcome} in events. */
    enum Kind {
        /** A retrieval: hit or miss. */
        READ,
        /** A store: stored, not stored, exists or not found. */
        STORE,
        /** A change of an item (delete, touch, incr, decr): OK or not found. */
        CHANGE
    }

    Single(String name, Kind kind, Fill fill, ReplyMapper<T> strict, ReplyMapper<T> lenient) {
        this.name = name;
        this.kind = kind;
        this.fill = fill;
        this.strict = strict;
        this.lenient = lenient;
    }

    Single(String name, Kind kind, Fill fill, ReplyMapper<T> mapper) {
        this(name, kind, fill, mapper, mapper);
    }
}
