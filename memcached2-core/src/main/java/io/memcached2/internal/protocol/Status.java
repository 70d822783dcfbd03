package io.memcached2.internal.protocol;

/** The outcome of one command, common to both dialects. */
public enum Status {
    /** Stored, deleted, touched, flushed, or any other plain success. */
    OK,
    /** A value (or a number, for incr/decr) came back. */
    HIT,
    /** No such item, for reads. */
    MISS,
    /** The store's condition failed (add/replace/append/prepend). */
    NOT_STORED,
    /** A CAS mismatch. */
    EXISTS,
    /** No such item, for writes, deletes, touches and arithmetic. */
    NOT_FOUND,
    /** incr/decr on a value that is not a number. */
    NON_NUMERIC,
    /** The server answered SERVER_ERROR; the message is in {@link Command#text}. */
    SERVER_ERROR,
    /** The server answered CLIENT_ERROR; the message is in {@link Command#text}. */
    CLIENT_ERROR
}
