package io.memcached2.bench;

import io.memcached2.load.LoadRecorder;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The keys a workload touches and the value it writes. Keys are built once, so the measured loop allocates no key
 * strings; the value is one shared array filled with non-zero bytes, so no client can shortcut a run of zeros.
 */
public final class KeySpace {
    private static final int ARRAY_HEADER = 16;

    private final String[] keys;
    private final byte[] value;

    /**
     * @param keyCount how many distinct keys
     * @param valueSize the size of every stored value in bytes
     */
    public KeySpace(int keyCount, int valueSize) {
        if (keyCount < 1 || valueSize < 0) {
            throw new IllegalArgumentException("need at least one key and a non-negative value size");
        }
        keys = new String[keyCount];
        for (int i = 0; i < keyCount; i++) {
            keys[i] = "bench:" + i;
        }
        value = new byte[valueSize];
        for (int i = 0; i < valueSize; i++) {
            value[i] = (byte) ('a' + i % 26);
        }
    }

    /** @return how many distinct keys */
    public int size() {
        return keys.length;
    }

    /** @return the value every set writes (shared: callers must not modify it) */
    public byte[] value() {
        return value;
    }

    /**
     * @return the heap one copy of the value takes as a {@code byte[]}: a 16-byte array header (64-bit HotSpot
     *     with compressed class pointers, the default) plus the bytes, rounded up to 8
     */
    public long valueArrayBytes() {
        return (ARRAY_HEADER + value.length + 7) & ~7L;
    }

    /**
     * @param random the calling thread's random source
     * @return a key chosen uniformly
     */
    public String randomKey(SplittableRandom random) {
        return keys[random.nextInt(keys.length)];
    }

    /**
     * @param random the calling thread's random source
     * @param count how many keys (at most {@link #size()})
     * @return {@code count} distinct keys, consecutive from a random start and wrapping around
     */
    public List<String> randomKeys(SplittableRandom random, int count) {
        int start = random.nextInt(keys.length);
        List<String> batch = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            batch.add(keys[(start + i) % keys.length]);
        }
        return batch;
    }

    /**
     * Checks a value read back, so an adapter that returns the wrong thing cannot pass for a fast one. Only the
     * length is compared: comparing content would add a cost proportional to the value to every client.
     *
     * @param read what a get returned (null on a miss)
     * @param recorder where to count a miss
     * @return 1 for a hit, 0 for a miss
     * @throws WrongValueException when the value's length is not the stored value's
     */
    public int check(byte[] read, LoadRecorder recorder) throws WrongValueException {
        if (read == null) {
            recorder.miss(1);
            return 0;
        }
        if (read.length != value.length) {
            throw new WrongValueException(value.length, read.length);
        }
        return 1;
    }

    /**
     * Stores the value under every key through the given client, so reads during the round hit.
     *
     * @param client a connected client
     * @throws Exception the first failure of a set
     */
    public void populate(ClientAdapter client) throws Exception {
        for (String key : keys) {
            client.set(key, value);
        }
    }
}
