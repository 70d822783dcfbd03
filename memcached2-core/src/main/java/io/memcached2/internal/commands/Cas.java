package io.memcached2.internal.commands;

/** Checks CAS uniques given by callers. */
final class Cas {
    private Cas() {}

    /** @return the CAS unique, if it can be one: memcached never hands out 0 */
    static long check(long cas) {
        if (cas == 0) {
            throw new IllegalArgumentException("CAS unique 0 is not a value memcached hands out; read it with gets()");
        }
        return cas;
    }
}
