package io.memcached2.cli.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A throwaway memcached for {@code mc bench} without --servers: the {@code memcached} binary (from the PATH, or the
 * file named by {@code MEMCACHED_BIN}) on a free loopback port, started and waited for until it answers
 * {@code version}, and killed when closed or when the JVM exits.
 */
final class LocalMemcached implements AutoCloseable {
    private static final String HOST = "127.0.0.1";
    private static final Duration START_BOUND = Duration.ofSeconds(20);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration POLL = Duration.ofMillis(20);
    /** A free port can be taken by another process before memcached binds it: try a few. */
    private static final int ATTEMPTS = 3;

    private final Process process;
    private final int port;
    private final Thread killer;

    private LocalMemcached(Process process, int port) {
        this.process = process;
        this.port = port;
        this.killer = new Thread(process::destroyForcibly, "mc-local-memcached-killer");
        Runtime.getRuntime().addShutdownHook(killer);
    }

    /**
     * @param memoryMb the server's memory limit
     * @return a server that answers
     * @throws IllegalStateException when the binary is missing or the server does not answer within its bound
     */
    static LocalMemcached start(int memoryMb) {
        String failure = "";
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = freePort();
            Path log = tempLog();
            Process p = launch(command(memoryMb, port), log);
            try {
                if (awaitAnswer(p, port)) {
                    return new LocalMemcached(p, port);
                }
                failure = p.isAlive()
                        ? "no answer within " + START_BOUND.toSeconds() + " s"
                        : "it exited: " + output(log);
            } catch (RuntimeException e) {
                p.destroyForcibly();
                throw e;
            }
            p.destroyForcibly();
        }
        throw new IllegalStateException("memcached did not start (" + failure.strip() + ")");
    }

    /** @return the server's URI, memcached://127.0.0.1:port/ */
    String uri() {
        return "memcached://" + HOST + ":" + port + "/";
    }

    /** Kills the server and waits for it to exit. */
    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killer);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or about to: it kills a process that is already gone.
        }
    }

    private static List<String> command(int memoryMb, int port) {
        String bin = System.getenv("MEMCACHED_BIN");
        List<String> command = new ArrayList<>(List.of(
                bin == null || bin.isBlank() ? "memcached" : bin,
                "-l",
                HOST,
                "-p",
                Integer.toString(port),
                "-U",
                "0",
                "-m",
                Integer.toString(memoryMb)));
        if ("root".equals(System.getProperty("user.name"))) {
            // memcached refuses to run as root without -u.
            command.addAll(List.of("-u", "nobody"));
        }
        return command;
    }

    /** memcached's output goes to a file, read only when it fails to start: no pipe to drain while it runs. */
    private static Path tempLog() {
        try {
            Path log = Files.createTempFile("mc-local-memcached", ".log");
            log.toFile().deleteOnExit();
            return log;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Process launch(List<String> command, Path log) {
        try {
            return new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        }
    }

    private static String output(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "its output is unreadable: " + e.getMessage();
        }
    }

    private static boolean awaitAnswer(Process p, int port) {
        long deadline = System.nanoTime() + START_BOUND.toNanos();
        while (System.nanoTime() - deadline < 0 && p.isAlive()) {
            if (answersVersion(port)) {
                return true;
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
        return false;
    }

    private static boolean answersVersion(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(HOST, port), (int) PROBE_TIMEOUT.toMillis());
            s.setSoTimeout((int) PROBE_TIMEOUT.toMillis());
            OutputStream out = s.getOutputStream();
            out.write("version\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String line =
                    new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            return line != null && line.startsWith("VERSION ");
        } catch (IOException notYet) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
