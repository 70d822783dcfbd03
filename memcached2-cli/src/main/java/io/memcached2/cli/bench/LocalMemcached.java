package io.memcached2.cli.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway memcached on a free loopback port, for {@code mc bench} without servers. A stand-in until the
 * testkit's launcher ({@code io.memcached2.testkit.MemcachedServer}) lands on main; then it goes.
 */
public final class LocalMemcached implements AutoCloseable {
    private static final long START_TIMEOUT_MS = 10_000;

    private final Process process;
    private final int port;
    private final Thread reaper;

    private LocalMemcached(Process process, int port) {
        this.process = process;
        this.port = port;
        // Ctrl-C during a benchmark must not leave the server running.
        this.reaper = new Thread(process::destroyForcibly, "mc-local-memcached-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /**
     * Starts memcached ({@code MEMCACHED_BIN}, else {@code memcached} from the PATH) and waits until it answers.
     *
     * @param memoryMb its memory limit
     * @return the running server
     * @throws IOException when it cannot be started or does not answer within 10 s
     */
    public static LocalMemcached start(int memoryMb) throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        String bin = System.getenv().getOrDefault("MEMCACHED_BIN", "memcached");
        List<String> cmd = new ArrayList<>(List.of(bin, "-l", "127.0.0.1", "-p", String.valueOf(port), "-U", "0",
                "-m", String.valueOf(memoryMb), "-t", "2"));
        if ("root".equals(System.getProperty("user.name"))) {
            cmd.addAll(List.of("-u", "nobody"));
        }
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new IOException("cannot start memcached (" + bin + "): install it, or set MEMCACHED_BIN", e);
        }
        LocalMemcached server = new LocalMemcached(p, port);
        try {
            server.awaitReady();
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private void awaitReady() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MS);
        while (System.nanoTime() < deadline) {
            if (answers()) {
                return;
            }
            try {
                // Waiting on the process doubles as the pause between attempts and notices an early exit.
                if (process.waitFor(20, TimeUnit.MILLISECONDS)) {
                    throw new IOException("memcached exited at start with code " + process.exitValue());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while starting memcached", e);
            }
        }
        throw new IOException("memcached did not answer on port " + port + " within " + START_TIMEOUT_MS + " ms");
    }

    private boolean answers() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            s.setSoTimeout(1000);
            OutputStream out = s.getOutputStream();
            out.write("version\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[8];
            return in.readNBytes(buf, 0, 8) == 8 && new String(buf, StandardCharsets.US_ASCII).startsWith("VERSION");
        } catch (IOException notYet) {
            return false;
        }
    }

    /** @return "127.0.0.1" */
    public String host() {
        return "127.0.0.1";
    }

    /** @return the TCP port */
    public int port() {
        return port;
    }

    /** @return the server's URI */
    public String uri() {
        return "memcached://127.0.0.1:" + port + "/";
    }

    /** Stops the server and waits for it to exit. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException shuttingDown) {
            // The hook is already running or has run; nothing left to undo.
        }
    }
}
