package io.memcached2.bench;

import java.util.List;

/**
 * Everything a benchmark run produced.
 *
 * @param config what was run
 * @param environment where it ran
 * @param workloads the results, one per workload in the order they ran
 */
public record BenchmarkReport(BenchmarkConfig config, Environment environment, List<WorkloadSummary> workloads) {
    /** Copies the list. */
    public BenchmarkReport {
        workloads = List.copyOf(workloads);
    }
}
