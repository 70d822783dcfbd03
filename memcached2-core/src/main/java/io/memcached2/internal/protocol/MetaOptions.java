package io.memcached2.internal.protocol;

/**
 * The optional meta flags of a request, in one immutable value that every dialect reads: {@code N} (vivify on miss,
 * the lease), {@code R} (win an early recache), {@code t} (return the remaining TTL), {@code I} (invalidate: mark
 * stale instead of deleting) and {@code c} (return the CAS unique of a store). A request without options carries
 * null, so the hot path allocates nothing for them. What the other dialects cannot carry is decided here, once
 * ({@link #inexpressible}).
 */
public final class MetaOptions {
    /** {@code md ... I}: mark the item stale, keeping it for the request's exptime. */
    static final MetaOptions INVALIDATE = new MetaOptions(0, 0, false, true, false);
    /** {@code ms ... c}: return the new CAS unique of a store. */
    static final MetaOptions RETURN_CAS = new MetaOptions(0, 0, false, false, true);

    private final int vivifyTtl;
    private final int recacheTtl;
    private final boolean wantTtl;
    private final boolean invalidate;
    private final boolean returnCas;

    private MetaOptions(int vivifyTtl, int recacheTtl, boolean wantTtl, boolean invalidate, boolean returnCas) {
        this.vivifyTtl = vivifyTtl;
        this.recacheTtl = recacheTtl;
        this.wantTtl = wantTtl;
        this.invalidate = invalidate;
        this.returnCas = returnCas;
    }

    /**
     * @param vivifyTtl seconds the placeholder made on a miss lives ({@code N}); more than 0
     * @param wantTtl also return the remaining TTL ({@code t})
     * @return the options of a lease read
     */
    public static MetaOptions lease(int vivifyTtl, boolean wantTtl) {
        return new MetaOptions(vivifyTtl, 0, wantTtl, false, false);
    }

    /** @return the options of a read that wins the right to refresh when less than this many seconds are left */
    public static MetaOptions recache(int recacheTtl) {
        return new MetaOptions(0, recacheTtl, false, false, false);
    }

    /** @return every flag given; for codec tests, which combine flags no client call does */
    static MetaOptions of(int vivifyTtl, int recacheTtl, boolean wantTtl, boolean invalidate, boolean returnCas) {
        return new MetaOptions(vivifyTtl, recacheTtl, wantTtl, invalidate, returnCas);
    }

    int vivifyTtl() {
        return vivifyTtl;
    }

    int recacheTtl() {
        return recacheTtl;
    }

    boolean wantTtl() {
        return wantTtl;
    }

    boolean invalidate() {
        return invalidate;
    }

    boolean returnCas() {
        return returnCas;
    }

    /**
     * The one place that says what a dialect other than meta cannot carry.
     *
     * @param options a request's options, or null
     * @param binary whether for the binary dialect, which returns the CAS unique of every store anyway
     * @return a description of the first option the dialect cannot carry, or null if it can carry them all
     */
    static String inexpressible(MetaOptions options, boolean binary) {
        if (options == null) {
            return null;
        }
        return options.invalidate
                ? "invalidation (stale items, meta I)"
                : options.vivifyTtl != 0
                        ? "a lease on miss (meta N)"
                        : options.recacheTtl != 0
                                ? "early recache (meta R)"
                                : options.wantTtl
                                        ? "returning the remaining TTL (meta t)"
                                        : options.returnCas && !binary
                                                ? "returning the CAS unique of a store (meta c)"
                                                : null;
    }
}
