package io.memcached2.bench;

/**
 * The process's CPU time and the bytes allocated by its live threads at one instant.
 *
 * @param cpuNanos process CPU time, all threads, user and system
 * @param allocatedBytes sum of the allocation counters of the threads alive at that instant
 */
public record ResourceUsage(long cpuNanos, long allocatedBytes) {
    /**
     * @param earlier a sample taken before this one
     * @return what was used between the two samples
     */
    public ResourceUsage since(ResourceUsage earlier) {
        return new ResourceUsage(cpuNanos - earlier.cpuNanos, allocatedBytes - earlier.allocatedBytes);
    }
}
