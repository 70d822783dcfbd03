package io.memcached2.cli.bench;

import java.util.SplittableRandom;

/** The loads {@code mc bench} can run, each a mix of single gets, sets and multi-key gets over a key space. */
public enum Workload {
    /** Gets of stored keys. */
    GET("gets", 100, 10_000),
    /** Sets over the key space. */
    SET("sets", 100, 10_000),
    /** Gets and sets in the ratio of --get-ratio. */
    MIXED("gets and sets", 100, 10_000),
    /** Multi-key gets of --batch stored keys each. */
    MULTIGET("multi-key gets", 100, 10_000),
    /** Gets and sets, half and half, of large values: what a cache of rendered pages or blobs sees. */
    LARGE("gets and sets (half and half) of large values", 100 * 1024, 1_000);

    /** What one request of the workload is. */
    public enum Op {
        GET,
        SET,
        MULTIGET
    }

    private final String description;
    private final int defaultValueSize;
    private final int defaultKeys;

    Workload(String description, int defaultValueSize, int defaultKeys) {
        this.description = description;
        this.defaultValueSize = defaultValueSize;
        this.defaultKeys = defaultKeys;
    }

    /** @return what the workload does, in a few words */
    public String description() {
        return description;
    }

    /** @return the value size unless --value-size says otherwise */
    public int defaultValueSize() {
        return defaultValueSize;
    }

    /** @return the key count unless --keys says otherwise; large values get fewer so they fit a default server */
    public int defaultKeys() {
        return defaultKeys;
    }

    /** @return whether the keys must hold values before the load starts (every workload that reads) */
    public boolean readsStoredKeys() {
        return this != SET;
    }

    /**
     * @param random the calling thread's random source
     * @param getPercent the share of gets in the mixed workload
     * @return the next request to make
     */
    public Op next(SplittableRandom random, int getPercent) {
        switch (this) {
            case GET:
                return Op.GET;
            case SET:
                return Op.SET;
            case MULTIGET:
                return Op.MULTIGET;
            case LARGE:
                return random.nextBoolean() ? Op.GET : Op.SET;
            default:
                return random.nextInt(100) < getPercent ? Op.GET : Op.SET;
        }
    }
}
