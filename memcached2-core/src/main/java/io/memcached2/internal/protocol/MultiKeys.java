package io.memcached2.internal.protocol;

/**
 * The keys of a multi-key request and their per-key results. Kept apart from {@link Command} so that the single-key
 * requests, nearly all of them, do not carry five empty fields (the issue 15 bound on bytes per get).
 */
final class MultiKeys {
    final String[] keys;
    final byte[] forms;
    byte[][] values;
    int[] flags;
    long[] cas;

    MultiKeys(String[] keys, byte[] forms) {
        this.keys = keys;
        this.forms = forms;
    }
}
