package io.memcached2.bench;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.util.Optional;

/**
 * Samples the JVM's CPU time and allocation over all its threads (the workload's, and the client's I/O, timer and
 * callback threads alike). Where the JVM has it (Java 21, and the Java 17 updates that carry the backport) allocation
 * is the JVM's running total ({@code ThreadMXBean#getTotalThreadAllocatedBytes}), which keeps the count of threads
 * that have exited. Otherwise it is the sum over live threads, so a thread that exits between two samples takes its count with it: the
 * workloads keep their own threads alive until the end sample, and threads a client retires mid-round (rare: idle
 * pool threads) are undercounted.
 */
public final class ResourceMeter {
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final Optional<Method> total = totalAllocated();

    /** Creates a meter, turning on per-thread allocation counting where the JVM supports it. */
    public ResourceMeter() {
        if (threads.isThreadAllocatedMemorySupported()) {
            threads.setThreadAllocatedMemoryEnabled(true);
        }
    }

    /** @return how allocation is counted on this JVM, for the report */
    public String allocationCounter() {
        return total.isPresent()
                ? "JVM total over all threads, exited ones included (getTotalThreadAllocatedBytes)"
                : "sum over live threads (getThreadAllocatedBytes; this JVM has no JVM-wide total)";
    }

    /** @return the usage now; threads whose allocation the JVM cannot count (reported as -1) are left out */
    public ResourceUsage sample() {
        return new ResourceUsage(os.getProcessCpuTime(), allocated());
    }

    private long allocated() {
        if (total.isPresent()) {
            try {
                long bytes = (long) total.get().invoke(threads);
                if (bytes >= 0) {
                    return bytes;
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                // Fall back to the live threads' sum below.
            }
        }
        long allocated = 0;
        for (long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
            if (bytes > 0) {
                allocated += bytes;
            }
        }
        return allocated;
    }

    /** Early Java 17 releases lack the JVM-wide total, so it is looked up on the running JVM. */
    private static Optional<Method> totalAllocated() {
        try {
            return Optional.of(com.sun.management.ThreadMXBean.class.getMethod("getTotalThreadAllocatedBytes"));
        } catch (NoSuchMethodException absent) {
            return Optional.empty();
        }
    }
}
