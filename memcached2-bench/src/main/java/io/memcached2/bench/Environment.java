package io.memcached2.bench;

/**
 * Where a benchmark ran, as the report states it, so results are never read without their setting.
 *
 * @param servers the servers, as host:port list
 * @param serverNote how the server was provided (given, or started locally and how it was pinned)
 * @param clientCpus the CPUs the benchmark JVM may run on (from the kernel), or "unknown"
 * @param java the Java runtime version
 * @param availableProcessors what the JVM sees
 * @param allocationCounter how bytes allocated were counted ({@link ResourceMeter#allocationCounter()})
 */
public record Environment(
        String servers,
        String serverNote,
        String clientCpus,
        String java,
        int availableProcessors,
        String allocationCounter) {}
