package io.memcached2.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One running memcached process, the direct child of this JVM, guarded by a watchdog process.
 *
 * <p>The watchdog is {@code sh} blocked reading a pipe from this JVM. When the JVM dies for any reason,
 * SIGKILL included, the kernel closes the pipe, the read returns and the watchdog SIGKILLs memcached. A
 * shutdown hook kills every live server too, for JVMs that exit normally.
 */
final class ServerProcess {

    private static final String WATCHDOG = "read pid; read _; kill -9 \"$pid\" 2>/dev/null";
    private static final int STDERR_LIMIT = 64 * 1024;
    private static final Set<ServerProcess> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(() -> LIVE.forEach(ServerProcess::destroyNow), "memcached-testkit-shutdown"));
    }

    private final Process process;
    private final Process watchdog;
    private final Thread stderrReader;
    private final StringBuilder stderr = new StringBuilder();

    private ServerProcess(Process process, Process watchdog) {
        this.process = process;
        this.watchdog = watchdog;
        this.stderrReader = new Thread(this::drainStderr, "memcached-stderr-" + process.pid());
        stderrReader.setDaemon(true);
        stderrReader.start();
    }

    static ServerProcess launch(List<String> command, Map<String, String> environment) {
        Process watchdog = null;
        try {
            // the watchdog must exist before memcached so that no moment is left unguarded but the pid hand-over
            watchdog = new ProcessBuilder("sh", "-c", WATCHDOG)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(environment);
            Process process = builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            ServerProcess server = new ServerProcess(process, watchdog);
            LIVE.add(server);
            OutputStream pipe = watchdog.getOutputStream();
            pipe.write((process.pid() + "\n").getBytes(StandardCharsets.US_ASCII));
            pipe.flush();
            return server;
        } catch (IOException e) {
            if (watchdog != null) {
                watchdog.destroyForcibly();
            }
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for up to {@code timeout} for the process to exit; returns whether it exited. */
    boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    /** Everything memcached wrote to stderr so far (first 64 KiB), complete once the process has exited. */
    String stderr() {
        if (!process.isAlive()) {
            Sockets.join(stderrReader, Deadline.after(Duration.ofSeconds(2)));
        }
        synchronized (stderr) {
            return stderr.toString();
        }
    }

    /** SIGTERM, then SIGKILL if the process is still there when {@code timeout} has passed. */
    void terminate(Duration timeout) {
        process.destroy();
        // a paused server keeps SIGTERM pending until it runs again
        signal("CONT");
        if (!awaitExit(timeout)) {
            process.destroyForcibly();
            awaitExit(timeout);
        }
        release();
    }

    void kill(Duration timeout) {
        process.destroyForcibly();
        awaitExit(timeout);
        release();
    }

    /** Sends a signal by name ("STOP", "CONT") with kill(1); ProcessHandle only knows TERM and KILL. */
    void signal(String name) {
        if (!process.isAlive()) {
            return;
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!kill.waitFor(5, TimeUnit.SECONDS)) {
                kill.destroyForcibly();
                throw new IllegalStateException("kill -" + name + " " + process.pid() + " did not finish");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run kill -" + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending SIG" + name, e);
        }
    }

    /** Waits until the kernel reports the process as stopped (or running); true at once where /proc is absent. */
    boolean awaitStopped(boolean stopped, Deadline deadline) {
        return deadline.await(
                () -> stoppedState().map(state -> state == stopped).orElse(true));
    }

    private Optional<Boolean> stoppedState() {
        Path stat = Path.of("/proc", Long.toString(process.pid()), "stat");
        try {
            String text = Files.readString(stat, StandardCharsets.US_ASCII);
            char state = text.charAt(text.lastIndexOf(')') + 2);
            return Optional.of(state == 'T' || state == 't');
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private void release() {
        if (!process.isAlive()) {
            // memcached is gone, so the watchdog may die without acting; SIGKILL keeps it from signalling a reused pid
            watchdog.destroyForcibly();
            try {
                watchdog.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            LIVE.remove(this);
            Sockets.join(stderrReader, Deadline.after(Duration.ofSeconds(2)));
        }
    }

    private void destroyNow() {
        process.destroyForcibly();
        watchdog.destroyForcibly();
    }

    private void drainStderr() {
        byte[] buffer = new byte[4096];
        try (InputStream in = process.getErrorStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                synchronized (stderr) {
                    int room = STDERR_LIMIT - stderr.length();
                    if (room > 0) {
                        stderr.append(new String(buffer, 0, Math.min(n, room), StandardCharsets.UTF_8));
                    }
                }
            }
        } catch (IOException e) {
            // the stream closes when the process ends: what was read so far is all there is
        }
    }
}
