package io.memcached2.bench;

import java.lang.management.ManagementFactory;

/**
 * Samples the JVM's CPU time and allocation. Allocation is the sum over live threads, so a thread that exits
 * between two samples takes its count with it: the workloads keep their own threads alive until the end sample,
 * and threads a client retires mid-round (rare: idle pool threads) are undercounted.
 */
public final class ResourceMeter {
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** Creates a meter, turning on per-thread allocation counting where the JVM supports it. */
    public ResourceMeter() {
        if (threads.isThreadAllocatedMemorySupported()) {
            threads.setThreadAllocatedMemoryEnabled(true);
        }
    }

    /** @return the usage now; threads whose allocation the JVM cannot count (reported as -1) are left out */
    public ResourceUsage sample() {
        long allocated = 0;
        for (long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
            if (bytes > 0) {
                allocated += bytes;
            }
        }
        return new ResourceUsage(os.getProcessCpuTime(), allocated);
    }
}
