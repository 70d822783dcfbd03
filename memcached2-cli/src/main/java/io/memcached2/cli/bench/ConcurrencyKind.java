package io.memcached2.cli.bench;

/** How {@code mc bench} keeps requests in flight. */
public enum ConcurrencyKind {
    /** N platform threads, each making blocking calls. */
    PLATFORM(16),
    /** N virtual threads, each making blocking calls (Java 21 or later). */
    VIRTUAL(256),
    /** One thread keeping N asynchronous requests outstanding. */
    ASYNC(128);

    private final int defaultConcurrency;

    ConcurrencyKind(int defaultConcurrency) {
        this.defaultConcurrency = defaultConcurrency;
    }

    /** @return the concurrency unless --concurrency says otherwise */
    public int defaultConcurrency() {
        return defaultConcurrency;
    }
}
