package io.memcached2.cli;

import io.memcached2.cli.support.Streams;
import io.memcached2.testkit.MemcachedServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One in-process run of {@code mc} with captured output.
 *
 * @param exitCode what the command returned
 * @param out standard output
 * @param err standard error
 * @param outBytes standard output, as bytes
 */
record McRun(int exitCode, String out, String err, byte[] outBytes) {

    /** Runs mc against the server with the given arguments and empty stdin. */
    static McRun against(MemcachedServer server, String... args) {
        return withStdin(server, new byte[0], args);
    }

    /**
     * Runs mc against the server with the given stdin. The timeouts are generous because the build machine is
     * shared: a first request on a cold JVM may take longer than the default second.
     */
    static McRun withStdin(MemcachedServer server, byte[] stdin, String... args) {
        List<String> all =
                new ArrayList<>(List.of("--servers", server.uri(), "--timeout", "5s", "--connect-timeout", "5s"));
        all.addAll(List.of(args));
        return run(stdin, Map.of(), all.toArray(new String[0]));
    }

    /** Runs mc with exactly these arguments and this environment. */
    static McRun run(byte[] stdin, Map<String, String> env, String... args) {
        return run(false, stdin, env, args);
    }

    /** Runs mc as if its output went to a terminal (or not), with exactly these arguments and this environment. */
    static McRun run(boolean terminal, byte[] stdin, Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Streams streams = new Streams(
                new ByteArrayInputStream(stdin),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                terminal,
                env::get);
        int code = Mc.commandLine(streams).execute(args);
        streams.out().flush();
        return new McRun(
                code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), out.toByteArray());
    }
}
