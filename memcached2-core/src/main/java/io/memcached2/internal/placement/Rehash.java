package io.memcached2.internal.placement;

import io.memcached2.routing.Hasher;

/**
 * Hashes a key with a decimal number written before or after it ({@code str(i) + key}, {@code key + str(i)}), the
 * way the clients we match rehash a key after a miss on a down server. The text is built in a per-thread buffer, so
 * a rehash allocates nothing once the buffer has grown to the longest key.
 */
final class Rehash {
    private static final ThreadLocal<Rehash> PER_THREAD = ThreadLocal.withInitial(Rehash::new);
    private static final int MAX_DIGITS = 20;

    private byte[] buffer = new byte[256 + MAX_DIGITS];

    private Rehash() {}

    /** @return {@code hasher} of the key's bytes followed by the decimal digits of {@code n} */
    static long withSuffix(Hasher hasher, byte[] key, long n) {
        byte[] b = PER_THREAD.get().room(key.length);
        System.arraycopy(key, 0, b, 0, key.length);
        int end = writeDecimal(n, b, key.length);
        return hasher.hash(b, 0, end);
    }

    /** @return {@code hasher} of the decimal digits of {@code n} followed by the key's bytes */
    static long withPrefix(Hasher hasher, long n, byte[] key) {
        byte[] b = PER_THREAD.get().room(key.length);
        int digits = writeDecimal(n, b, 0);
        System.arraycopy(key, 0, b, digits, key.length);
        return hasher.hash(b, 0, digits + key.length);
    }

    /** @return {@code hasher} of {@code str(a) + str(b)} (python-memcached's rehash of a hash value) */
    static long ofNumbers(Hasher hasher, long a, long b) {
        byte[] buf = PER_THREAD.get().room(0);
        int end = writeDecimal(b, buf, writeDecimal(a, buf, 0));
        return hasher.hash(buf, 0, end);
    }

    private byte[] room(int keyLength) {
        if (buffer.length < keyLength + 2 * MAX_DIGITS) {
            buffer = new byte[keyLength + 2 * MAX_DIGITS];
        }
        return buffer;
    }

    /** Writes {@code n >= 0} in decimal at {@code at} and returns the index after the last digit. */
    private static int writeDecimal(long n, byte[] b, int at) {
        int digits = 1;
        for (long rest = n / 10; rest > 0; rest /= 10) {
            digits++;
        }
        long rest = n;
        for (int i = at + digits - 1; i >= at; i--) {
            b[i] = (byte) ('0' + rest % 10);
            rest /= 10;
        }
        return at + digits;
    }
}
