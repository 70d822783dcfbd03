package io.memcached2.bench;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One client's results on one workload: the median of each metric over the rounds (each metric's median on its
 * own, so the figures in a row may come from different rounds), and the misses and errors of all rounds summed.
 *
 * @param client the client's name
 * @param rounds how many rounds were measured
 * @param operationsPerSecond median successful operations per second
 * @param itemsPerSecond median keys read or written per second
 * @param p50Micros median of the per-round median latency
 * @param p99Micros median of the per-round 99th percentile
 * @param p999Micros median of the per-round 99.9th percentile
 * @param maxMicros median of the per-round maximum
 * @param cpuMicrosPerOperation median JVM CPU time per operation
 * @param bytesPerOperation median JVM allocation per operation
 * @param beyondValueBytesPerOperation median JVM allocation per operation beyond the value arrays read
 * @param misses misses over all rounds
 * @param errors failures over all rounds, by exception type
 */
public record ClientSummary(
        String client,
        int rounds,
        double operationsPerSecond,
        double itemsPerSecond,
        double p50Micros,
        double p99Micros,
        double p999Micros,
        double maxMicros,
        double cpuMicrosPerOperation,
        double bytesPerOperation,
        double beyondValueBytesPerOperation,
        long misses,
        Map<String, Long> errors) {

    /**
     * @param client the client's name
     * @param results its rounds (at least one)
     * @return the summary
     */
    public static ClientSummary of(String client, List<RoundResult> results) {
        Map<String, Long> errors = new TreeMap<>();
        results.forEach(r -> r.errors().forEach((type, n) -> errors.merge(type, n, Long::sum)));
        return new ClientSummary(
                client,
                results.size(),
                Medians.of(results, RoundResult::operationsPerSecond),
                Medians.of(results, RoundResult::itemsPerSecond),
                Medians.of(results, RoundResult::p50Micros),
                Medians.of(results, RoundResult::p99Micros),
                Medians.of(results, RoundResult::p999Micros),
                Medians.of(results, RoundResult::maxMicros),
                Medians.of(results, RoundResult::cpuMicrosPerOperation),
                Medians.of(results, RoundResult::bytesPerOperation),
                Medians.of(results, RoundResult::beyondValueBytesPerOperation),
                results.stream().mapToLong(RoundResult::misses).sum(),
                errors);
    }
}
