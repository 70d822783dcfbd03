package io.memcached2.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcached2.cli.support.ExitCodes;
import io.memcached2.testkit.MemcachedExtension;
import io.memcached2.testkit.MemcachedServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Failures print one line for people, exit with the documented code, and show a stack trace only on request. */
@ExtendWith(MemcachedExtension.class)
class ErrorsTest {
    private static final byte[] NO_INPUT = new byte[0];

    @Test
    void anUnreachableServerIsOneLineAndExitFour() throws IOException {
        String uri = "memcached://127.0.0.1:" + closedPort() + "/";
        for (List<String> command : List.of(
                List.of("get", "k"),
                List.of("set", "k", "v"),
                List.of("dump"),
                List.of("stats"),
                List.of("version"),
                List.of("ping", "-c", "1"))) {
            String[] args = concat(List.of("--servers", uri), command);
            McRun run = McRun.run(NO_INPUT, Map.of(), args);
            assertThat(run.exitCode()).as(command.toString()).isEqualTo(ExitCodes.UNAVAILABLE);
            assertThat(run.err())
                    .as(command.toString())
                    .startsWith("mc " + command.get(0) + ": ")
                    .hasLineCount(1)
                    .doesNotContain("\tat ");
        }
    }

    @Test
    void verboseAddsTheStackTrace() throws IOException {
        McRun run = McRun.run(NO_INPUT, Map.of(), "--verbose", "--servers", "127.0.0.1:" + closedPort(), "get", "k");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(run.err()).contains("\tat ");
    }

    @Test
    void aBadUriIsOneLineAndExitTwo() {
        McRun run = McRun.run(NO_INPUT, Map.of(), "--servers", "memcached://host:99999/", "get", "k");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).isEqualTo("mc get: port out of range 1-65535 in server URI 'memcached://host:99999/'\n");
        assertThat(McRun.run(NO_INPUT, Map.of(), "--servers", "redis://x", "get", "k")
                        .exitCode())
                .isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void aBadFlagValueIsOneLineAndExitTwo(MemcachedServer server) {
        McRun ttl = McRun.against(server, "set", "--ttl", "soon", "k", "v");
        assertThat(ttl.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(ttl.err())
                .hasLineCount(1)
                .contains("'soon' is not a duration")
                .contains("mc set --help");

        for (String[] args : List.of(
                new String[] {"--protocol", "gopher", "version"},
                new String[] {"--selector", "nope", "version"},
                new String[] {"frobnicate"},
                new String[] {"get"},
                new String[] {"bench", "--concurrency", "0"},
                new String[] {"get", "k".repeat(300)})) {
            McRun run = McRun.against(server, args);
            assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(ExitCodes.USAGE);
            assertThat(run.err()).as(String.join(" ", args)).hasLineCount(1);
        }
    }

    @Test
    void serversComeFromTheEnvironmentWhenNotGiven(MemcachedServer server) {
        McRun run = McRun.run(NO_INPUT, Map.of(McCommand.SERVERS_ENV, server.uri()), "set", "k", "from-env");
        assertThat(run.exitCode()).isZero();
        assertThat(McRun.against(server, "get", "k").out()).isEqualTo("from-env\n");
    }

    @Test
    void everyCommandHasHelpWithTheExitCodes() {
        McRun root = McRun.run(NO_INPUT, Map.of(), "--help");
        assertThat(root.exitCode()).isZero();
        assertThat(root.out()).contains("Exit codes:", "bench", "dump");
        for (String command : List.of(
                "get", "set", "add", "replace", "append", "prepend", "cas", "delete", "incr", "decr", "touch", "flush",
                "stats", "dump", "ping", "version", "bench")) {
            McRun help = McRun.run(NO_INPUT, Map.of(), command, "--help");
            assertThat(help.exitCode()).as(command).isZero();
            assertThat(help.out())
                    .as(command)
                    .startsWith("Usage: mc " + command)
                    .contains("Exit codes:", "4   server unreachable");
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String[] concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).toArray(String[]::new);
    }
}
