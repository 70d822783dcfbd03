package io.memcached2.bench;

import io.memcached2.ServerAddress;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The C reference client ({@link Clients#REFERENCE}): {@code src/main/c/pingpong.c}, carried in the jar, compiled
 * by the harness at run time with {@code gcc -O2} into the directory that holds the jar or the classes
 * ({@code target/}), and run as a process against the same server. The process inherits the JVM's CPU affinity,
 * so it runs where the Java clients run.
 */
public final class CPingPong {
    /** The binary's file name in {@code target/}. */
    public static final String BINARY = "c-pingpong";

    private static final String SOURCE = "/c/pingpong.c";
    private static final Duration BUILD_LIMIT = Duration.ofMinutes(1);
    /** How long past its duration the process may take to connect, store its key and exit. */
    private static final Duration EXIT_SLACK = Duration.ofSeconds(30);

    private static final Pattern OUTPUT = Pattern.compile("ops=(\\d+) seconds=([0-9.]+) cpu_seconds=([0-9.]+)");

    private final Path binary;

    private CPingPong(Path binary) {
        this.binary = binary;
    }

    /**
     * Compiles the reference client with gcc.
     *
     * @return the compiled client
     * @throws IOException saying why it could not be built (gcc absent, or the compilation failed)
     * @throws InterruptedException when interrupted while gcc runs
     */
    public static CPingPong build() throws IOException, InterruptedException {
        Path dir = outputDirectory();
        Path source = dir.resolve("pingpong.c");
        try (InputStream in = CPingPong.class.getResourceAsStream(SOURCE)) {
            if (in == null) {
                throw new IOException(SOURCE + " is not on the class path");
            }
            Files.copy(in, source, StandardCopyOption.REPLACE_EXISTING);
        }
        Path binary = dir.resolve(BINARY);
        Process gcc;
        try {
            gcc = new ProcessBuilder("gcc", "-O2", "-o", binary.toString(), source.toString())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException absent) {
            throw new IOException("gcc not found (" + absent.getMessage() + ")", absent);
        }
        String output = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!gcc.waitFor(BUILD_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
            gcc.destroyForcibly();
            throw new IOException("gcc did not finish within " + BUILD_LIMIT.toSeconds() + " s");
        }
        if (gcc.exitValue() != 0) {
            throw new IOException("gcc failed: " + output.strip());
        }
        return new CPingPong(binary);
    }

    /** @return the compiled binary */
    public Path binary() {
        return binary;
    }

    /**
     * Runs the client once: it stores one key, then gets it in strict ping-pong for the given time.
     *
     * @param server the server
     * @param duration how long to issue gets
     * @param valueBytes the size of the value it stores and reads
     * @return what the process reported
     * @throws IOException when the process cannot start, fails or prints something unexpected
     * @throws InterruptedException when interrupted while it runs
     */
    public Run run(ServerAddress server, Duration duration, int valueBytes) throws IOException, InterruptedException {
        if (server.transport() == ServerAddress.Transport.UNIX) {
            throw new IOException(BINARY + " speaks TCP only, not to " + server.path());
        }
        Process process = new ProcessBuilder(List.of(
                        binary.toString(),
                        server.connectHost(),
                        String.valueOf(server.port()),
                        String.format(Locale.ROOT, "%.3f", duration.toNanos() / 1e9),
                        String.valueOf(valueBytes)))
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(duration.plus(EXIT_SLACK).toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IOException(BINARY + " did not exit");
        }
        if (process.exitValue() != 0) {
            throw new IOException(BINARY + " exited with " + process.exitValue() + ": " + output.strip());
        }
        return Run.parse(output);
    }

    /**
     * What one run of the process reported.
     *
     * @param operations gets answered with the stored value
     * @param elapsedNanos wall time of the loop
     * @param cpuNanos the process's user and system CPU time in the loop
     */
    public record Run(long operations, long elapsedNanos, long cpuNanos) {
        /**
         * @param output the process's output ({@code ops=N seconds=S cpu_seconds=C})
         * @return the figures
         * @throws IOException when the output does not have that form
         */
        public static Run parse(String output) throws IOException {
            Matcher m = OUTPUT.matcher(output);
            if (!m.find()) {
                throw new IOException(BINARY + " printed no result: " + output.strip());
            }
            return new Run(Long.parseLong(m.group(1)), seconds(m.group(2)), seconds(m.group(3)));
        }

        /**
         * @param workload the workload's name
         * @param round the round number, from 1
         * @return the run as a round: no latencies (the client records none) and no allocation (not a JVM)
         */
        public RoundResult toRound(String workload, int round) {
            return new RoundResult(
                    workload,
                    Clients.REFERENCE,
                    round,
                    elapsedNanos,
                    operations,
                    operations,
                    0,
                    Double.NaN,
                    Double.NaN,
                    Double.NaN,
                    Double.NaN,
                    new ResourceUsage(cpuNanos, 0),
                    0,
                    Map.of());
        }

        private static long seconds(String text) {
            return Math.round(Double.parseDouble(text) * 1e9);
        }
    }

    private static Path outputDirectory() throws IOException {
        Path location;
        try {
            location = Path.of(CPingPong.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IOException("cannot tell where the benchmark's classes are", e);
        }
        // target/benchmarks.jar or target/classes: either way the binary goes to target/.
        Path dir = location.getParent();
        Files.createDirectories(dir);
        return dir;
    }
}
