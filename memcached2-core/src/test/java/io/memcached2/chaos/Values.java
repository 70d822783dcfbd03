package io.memcached2.chaos;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Self-checking values {@code key|writer|seq|padding}. Writer {@code w}'s {@code seq}-th store goes to a key fixed
 * by {@code (w, seq)} and carries a padding fixed by them too, so any value read back can be checked with O(1)
 * memory: it must name the key it was read under, and its writer must have attempted exactly that store.
 */
final class Values {
    private final String prefix;
    private final int keys;
    private final int counters;
    private final AtomicLongArray attempted;
    private final AtomicLongArray counterAttempts;

    /**
     * @param prefix unique per scenario, so values from earlier scenarios never count
     * @param keys size of the value key space
     * @param counters number of counters
     * @param writers number of writer threads
     */
    Values(String prefix, int keys, int counters, int writers) {
        this.prefix = prefix;
        this.keys = keys;
        this.counters = counters;
        this.attempted = new AtomicLongArray(writers);
        this.counterAttempts = new AtomicLongArray(counters);
        for (int w = 0; w < writers; w++) {
            attempted.set(w, -1);
        }
    }

    String key(int i) {
        return prefix + ":k:" + i;
    }

    String counter(int i) {
        return prefix + ":c:" + i;
    }

    int keyCount() {
        return keys;
    }

    int counterCount() {
        return counters;
    }

    static long mix(long w, long seq) {
        long z = w * 0x9E3779B97F4A7C15L + seq * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** @return the key writer {@code w}'s {@code seq}-th store goes to */
    String keyFor(int w, long seq) {
        return key((int) Math.floorMod(mix(w, seq), (long) keys));
    }

    static String padding(int w, long seq, int maxPad) {
        int n = (int) Math.floorMod(mix(seq, w), (long) maxPad + 1);
        char c = (char) ('a' + Math.floorMod(seq, 26));
        return String.valueOf(c).repeat(n);
    }

    /** Records the attempt (before it is sent) and returns the value to store. */
    String value(int w, long seq, int maxPad) {
        attempted.set(w, seq);
        return keyFor(w, seq) + "|" + w + "|" + seq + "|" + padding(w, seq, maxPad);
    }

    /** Counts an increment attempt (before it is sent). */
    void counterAttempt(int c) {
        counterAttempts.incrementAndGet(c);
    }

    /** @return null if a counter value is possible, or why it is not */
    String checkCounter(int c, long value) {
        long max = counterAttempts.get(c);
        return value >= 0 && value <= max
                ? null
                : "counter " + counter(c) + " = " + value + " after only " + max + " increments";
    }

    /** Outcome of checking a value. */
    enum Verdict {
        OK,
        WRONG,
        GARBLED
    }

    /**
     * @return OK if some writer stored exactly this value under this key; GARBLED if it holds bytes no writer ever
     *     produces (inverted bits: non-ASCII), which only in-flight corruption can cause; WRONG otherwise
     */
    Verdict check(String key, String value, int maxPad) {
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch < 0x20 || ch > 0x7e) {
                return Verdict.GARBLED;
            }
        }
        String[] f = value.split("\\|", -1);
        if (f.length != 4 || !f[0].equals(key)) {
            return Verdict.WRONG;
        }
        try {
            int w = Integer.parseInt(f[1]);
            long seq = Long.parseLong(f[2]);
            if (w < 0 || w >= attempted.length() || seq < 0 || seq > attempted.get(w)) {
                return Verdict.WRONG;
            }
            return keyFor(w, seq).equals(key) && padding(w, seq, maxPad).equals(f[3]) ? Verdict.OK : Verdict.WRONG;
        } catch (NumberFormatException e) {
            return Verdict.WRONG;
        }
    }
}
