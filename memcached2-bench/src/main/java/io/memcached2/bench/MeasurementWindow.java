package io.memcached2.bench;

/**
 * Marks the start and end of the measured part of a workload run. A workload opens the window once all its
 * threads are ready and closes it once they have finished their last operation but before they exit, so the
 * per-thread allocation counters of its own threads are still readable at both ends.
 */
public interface MeasurementWindow {
    /** A window that measures nothing, for warm-up runs. */
    MeasurementWindow NONE = new MeasurementWindow() {
        @Override
        public void open() {
        }

        @Override
        public void close() {
        }
    };

    /** Called right before the first measured operation is issued. */
    void open();

    /** Called right after the last measured operation completed. */
    void close();
}
