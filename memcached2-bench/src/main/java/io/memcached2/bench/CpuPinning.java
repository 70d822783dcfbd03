package io.memcached2.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Pins processes to CPUs with {@code taskset} (util-linux) where it exists, so the server and the benchmark do not
 * compete for the same core. Pinning is best effort: without taskset, or where the kernel refuses, the benchmark
 * runs unpinned and the report says so.
 */
public final class CpuPinning {
    private static final long TASKSET_TIMEOUT_SECONDS = 10;

    private CpuPinning() {}

    /**
     * Pins every thread of a process to the given CPUs.
     *
     * @param pid the process
     * @param cpus a taskset CPU list, such as {@code 0} or {@code 2-3}
     * @return true when taskset ran and succeeded
     * @throws InterruptedException when interrupted while waiting for taskset
     */
    public static boolean pin(long pid, String cpus) throws InterruptedException {
        try {
            Process taskset = new ProcessBuilder("taskset", "-a", "-c", "-p", cpus, Long.toString(pid))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!taskset.waitFor(TASKSET_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                taskset.destroyForcibly();
                return false;
            }
            return taskset.exitValue() == 0;
        } catch (IOException noTaskset) {
            return false;
        }
    }

    /** @return the CPUs this JVM may run on, as the kernel lists them, or "unknown" off Linux */
    public static String allowedCpusOfThisProcess() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(line -> line.startsWith("Cpus_allowed_list:"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst()
                    .orElse("unknown");
        } catch (IOException notLinux) {
            return "unknown";
        }
    }
}
