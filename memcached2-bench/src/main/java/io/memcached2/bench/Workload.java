package io.memcached2.bench;

import io.memcached2.load.LoadRecorder;
import io.memcached2.load.Window;
import java.time.Duration;
import java.util.Optional;

/** One kind of load, run the same way through every client. */
public interface Workload {

    /** @return the short name used on the command line and in reports, such as {@code get-64t} */
    String name();

    /** @return one line saying what the workload does */
    String description();

    /**
     * @return true when the report should show keys per second besides operations per second (multi-key
     *     operations)
     */
    default boolean reportsItems() {
        return false;
    }

    /** @return true when the workload drives the clients' asynchronous get rather than their blocking calls */
    default boolean usesAsync() {
        return false;
    }

    /**
     * @return why this workload cannot run on this JVM (for example virtual threads before Java 21), or empty
     */
    default Optional<String> unavailable() {
        return Optional.empty();
    }

    /** @return true when the C reference client ({@link Clients#REFERENCE}) runs this workload too */
    default boolean runsReference() {
        return false;
    }

    /**
     * @return the heap taken, on average, by the value arrays one counted item returns (0 for writes), which is
     *     subtracted from the allocation to give the bytes "beyond the value"
     */
    default double valueBytesPerItem() {
        return 0;
    }

    /**
     * Prepares the server for this workload through the given client, before warm-up (for example by storing a
     * value under every key the workload reads).
     *
     * @param client a connected client
     * @throws Exception when preparation fails; the round for this client is then skipped
     */
    void prepare(ClientAdapter client) throws Exception;

    /**
     * Runs the load for the given time, recording every operation.
     *
     * @param client a connected, prepared client
     * @param duration how long to issue operations
     * @param recorder where to record outcomes
     * @param window opened when the load starts and closed when it has drained
     * @throws InterruptedException when the calling thread is interrupted
     */
    void run(ClientAdapter client, Duration duration, LoadRecorder recorder, Window window) throws InterruptedException;
}
