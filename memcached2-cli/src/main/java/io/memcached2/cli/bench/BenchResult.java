package io.memcached2.cli.bench;

import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What one measured phase of one client gave.
 *
 * @param client the client's name
 * @param elapsedNanos from the first request to the last reply
 * @param latencies latencies of the successful requests, in nanoseconds
 * @param keys keys read or written by the successful requests
 * @param misses gets that found nothing (counted as successes)
 * @param errors failed requests by exception type
 * @param firstErrors the first failures in full, for the report
 */
public record BenchResult(
        String client,
        long elapsedNanos,
        Histogram latencies,
        long keys,
        long misses,
        Map<String, Long> errors,
        List<String> firstErrors) {

    /** @return successful requests */
    public long requests() {
        return latencies.getTotalCount();
    }

    /** @return successful requests per second */
    public double requestsPerSecond() {
        return elapsedNanos == 0 ? 0 : requests() * 1e9 / elapsedNanos;
    }

    /** @return keys read or written per second */
    public double keysPerSecond() {
        return elapsedNanos == 0 ? 0 : keys * 1e9 / elapsedNanos;
    }

    /** @return failed requests */
    public long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * @param percentile 0 to 100
     * @return the latency at that percentile, in microseconds
     */
    public double micros(double percentile) {
        return latencies.getValueAtPercentile(percentile) / 1000.0;
    }

    /** @return the largest latency, in microseconds */
    public double maxMicros() {
        return latencies.getMaxValue() / 1000.0;
    }
}
