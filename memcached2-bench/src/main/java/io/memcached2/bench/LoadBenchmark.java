package io.memcached2.bench;

import io.memcached2.ServerAddress;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The side-by-side load benchmark as a library call: run a configuration, get a report. The {@code mc bench}
 * command and {@link Main} both go through here.
 */
public final class LoadBenchmark {
    private LoadBenchmark() {}

    /**
     * Runs the benchmark, starting a local memcached first when the configuration names no servers.
     *
     * @param config what to run
     * @param progress where to print a line per finished round
     * @return the report
     * @throws InterruptedException when the calling thread is interrupted
     */
    public static BenchmarkReport run(BenchmarkConfig config, PrintStream progress) throws InterruptedException {
        if (!config.servers().isEmpty()) {
            return run(config, config.servers(), "servers as given", progress);
        }
        try (LocalMemcached server = LocalMemcached.start(config.serverThreads())) {
            String note = server.describe() + ", " + config.serverThreads() + " worker thread(s)";
            progress.println("started " + note);
            return run(config, List.of(server.address()), note, progress);
        }
    }

    /**
     * Writes the report to a file, as JSON when its name ends in {@code .json} and as CSV otherwise.
     *
     * @param report the report
     * @param file the file to write (replaced if it exists)
     * @throws IOException when the file cannot be written
     */
    public static void write(BenchmarkReport report, Path file) throws IOException {
        String text =
                file.getFileName().toString().endsWith(".json") ? JsonReport.render(report) : CsvReport.render(report);
        Files.writeString(file, text);
    }

    private static BenchmarkReport run(
            BenchmarkConfig config, List<ServerAddress> servers, String serverNote, PrintStream progress)
            throws InterruptedException {
        Environment environment = new Environment(
                servers.stream().map(ServerAddress::hostAndPort).collect(Collectors.joining(", ")),
                serverNote,
                CpuPinning.allowedCpusOfThisProcess(),
                Runtime.version().toString(),
                Runtime.getRuntime().availableProcessors(),
                new ResourceMeter().allocationCounter());
        List<WorkloadSummary> results = new BenchmarkRunner(config, servers, progress).run();
        return new BenchmarkReport(config, environment, results);
    }
}
