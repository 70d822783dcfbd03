package io.memcached2.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;

/**
 * Command-line entry of the side-by-side load benchmark: progress lines on stderr, the Markdown report on stdout,
 * and optionally a JSON or CSV file. See {@link Arguments#USAGE}.
 */
public final class Main {
    private Main() {}

    /**
     * @param args the options of {@link Arguments#USAGE}
     * @throws InterruptedException when interrupted
     * @throws IOException when the output file cannot be written
     */
    public static void main(String[] args) throws InterruptedException, IOException {
        Optional<BenchmarkConfig> config;
        try {
            config = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(Arguments.USAGE);
            System.exit(2);
            return;
        }
        if (config.isEmpty()) {
            System.out.print(Arguments.USAGE);
            return;
        }
        BenchmarkReport report = LoadBenchmark.run(config.get(), System.err);
        System.out.print(MarkdownReport.render(report));
        if (config.get().output().isPresent()) {
            LoadBenchmark.write(report, config.get().output().get());
        }
        if (config.get().page().isPresent()) {
            Files.writeString(config.get().page().get(), BenchmarksPage.section(report));
        }
    }
}
