package io.memcached2.bench;

import io.memcached2.load.Failures;
import io.memcached2.load.LoadRecorder;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * What one client did in one measured round of one workload.
 *
 * @param workload the workload's name
 * @param client the client's name
 * @param round the round number, from 1
 * @param elapsedNanos wall time from the first request to the last completion
 * @param operations successful operations
 * @param items keys read or written by successful operations
 * @param misses keys that were read but not found
 * @param p50Micros median latency of successful operations
 * @param p99Micros 99th percentile latency
 * @param p999Micros 99.9th percentile latency
 * @param maxMicros highest latency
 * @param usage CPU time and allocation of the whole JVM during the round
 * @param valueBytesRead the heap taken by the value arrays the successful reads returned (array header included),
 *     which the client cannot avoid allocating; 0 for workloads that only write
 * @param errors failed operations by exception type
 */
public record RoundResult(
        String workload,
        String client,
        int round,
        long elapsedNanos,
        long operations,
        long items,
        long misses,
        double p50Micros,
        double p99Micros,
        double p999Micros,
        double maxMicros,
        ResourceUsage usage,
        long valueBytesRead,
        Map<String, Long> errors) {

    /**
     * Builds a result from a finished round.
     *
     * @param workload the workload's name
     * @param client the client's name
     * @param round the round number, from 1
     * @param elapsedNanos wall time of the measured window
     * @param recorder what was recorded in the window
     * @param usage what the JVM used in the window
     * @param valueBytesRead the heap taken by the value arrays the successful reads returned
     * @return the result
     */
    public static RoundResult of(
            String workload,
            String client,
            int round,
            long elapsedNanos,
            LoadRecorder recorder,
            ResourceUsage usage,
            long valueBytesRead) {
        Histogram h = recorder.latencies();
        return new RoundResult(
                workload,
                client,
                round,
                elapsedNanos,
                recorder.operations(),
                recorder.items(),
                recorder.misses(),
                micros(h.getValueAtPercentile(50)),
                micros(h.getValueAtPercentile(99)),
                micros(h.getValueAtPercentile(99.9)),
                micros(h.getMaxValue()),
                usage,
                valueBytesRead,
                recorder.errors());
    }

    /**
     * A round that could not run (the client failed to connect or to prepare).
     *
     * @param workload the workload's name
     * @param client the client's name
     * @param round the round number, from 1
     * @param failure why
     * @return a result with no operations and the failure counted once
     */
    public static RoundResult failed(String workload, String client, int round, Throwable failure) {
        return new RoundResult(
                workload,
                client,
                round,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                new ResourceUsage(0, 0),
                0,
                Map.of(Failures.typeOf(failure), 1L));
    }

    /** @return successful operations per second */
    public double operationsPerSecond() {
        return perSecond(operations);
    }

    /** @return keys read or written per second */
    public double itemsPerSecond() {
        return perSecond(items);
    }

    /** @return JVM CPU time per successful operation, in microseconds */
    public double cpuMicrosPerOperation() {
        return operations == 0 ? 0 : usage.cpuNanos() / 1000.0 / operations;
    }

    /** @return bytes allocated by the JVM per successful operation; NaN for the C reference (not a JVM) */
    public double bytesPerOperation() {
        if (Clients.isReference(client)) {
            return Double.NaN;
        }
        return operations == 0 ? 0 : (double) usage.allocatedBytes() / operations;
    }

    /**
     * @return bytes allocated per successful operation beyond the value arrays it read (what issue 15's "bytes per
     *     get beyond the value" goal counts); NaN for the C reference
     */
    public double beyondValueBytesPerOperation() {
        if (Clients.isReference(client)) {
            return Double.NaN;
        }
        return operations == 0 ? 0 : (double) (usage.allocatedBytes() - valueBytesRead) / operations;
    }

    private double perSecond(long count) {
        return elapsedNanos == 0 ? 0 : count * (double) TimeUnit.SECONDS.toNanos(1) / elapsedNanos;
    }

    private static double micros(long nanos) {
        return nanos / 1000.0;
    }
}
