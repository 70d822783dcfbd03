package io.memcached2.cli.support;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * Where a run of {@code mc} reads and writes, and what it knows of its surroundings. Tests pass their own, so
 * every command runs in-process with captured output.
 *
 * @param in standard input (values for set and friends)
 * @param out standard output: data only
 * @param err standard error: messages, warnings and bench progress
 * @param terminal whether a person is watching (progress then redraws one line instead of printing many)
 * @param env the environment (for {@code MEMCACHED_SERVERS})
 */
public record Streams(
        InputStream in, PrintStream out, PrintStream err, boolean terminal, Function<String, String> env) {

    /** @return the process's own streams and environment */
    public static Streams system() {
        return new Streams(
                System.in,
                new PrintStream(System.out, true, StandardCharsets.UTF_8),
                new PrintStream(System.err, true, StandardCharsets.UTF_8),
                System.console() != null,
                System::getenv);
    }
}
