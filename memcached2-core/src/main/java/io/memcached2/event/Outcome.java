package io.memcached2.event;

/** How a request ended, as the server answered it, or {@link #ERROR} when it failed. */
public enum Outcome {
    /** A retrieval found its item (for a multi-key retrieval: at least one). */
    HIT,
    /** A retrieval found nothing. */
    MISS,
    /** A store was done. */
    STORED,
    /** A conditional store (add, replace, append, prepend) was not done. */
    NOT_STORED,
    /** A compare-and-swap found a newer value. */
    EXISTS,
    /** The item to change (cas, delete, touch, incr, decr) does not exist. */
    NOT_FOUND,
    /** A command that has no miss answered successfully: delete, touch, incr, stats, flush, version. */
    OK,
    /** The request failed: see {@link RequestEnd#error()}. */
    ERROR
}
