package io.memcached2.load;

/**
 * Marks the start and end of the measured part of a run. A timed run opens it once all its threads are ready and
 * closes it once they have finished their last request but before they exit, so per-thread counters (allocation)
 * of its own threads are still readable at both ends.
 */
public interface Window {
    /** A window that measures nothing, for warm-up runs. */
    Window NONE = new Window() {
        @Override
        public void open() {}

        @Override
        public void close() {}
    };

    /** Called right before the first measured request is made. */
    void open();

    /** Called right after the last measured request completed. */
    void close();
}
