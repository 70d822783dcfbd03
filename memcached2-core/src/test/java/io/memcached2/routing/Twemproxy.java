package io.memcached2.routing;

import static org.assertj.core.api.Assertions.fail;

import io.memcached2.ServerAddress;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/** A real twemproxy ({@code /usr/sbin/nutcracker}) in front of some servers, with a generated config in a temp dir. */
final class Twemproxy implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/sbin/nutcracker");
    private static final long START_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final Process process;
    private final Path dir;
    private final int port;

    private Twemproxy(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /**
     * Starts nutcracker with {@code distribution: ketama}, the given hash (null for its default) and the servers,
     * each written as {@code host:port:weight [name]}; waits until it accepts connections.
     */
    static Twemproxy start(String hash, List<ServerAddress> servers) throws IOException {
        if (!Files.isExecutable(BINARY)) {
            fail("twemproxy is missing at " + BINARY + ": install the Debian package nutcracker");
        }
        Path dir = Files.createTempDirectory("twemproxy");
        int port = freePort();
        StringBuilder yaml = new StringBuilder("pool:\n  listen: 127.0.0.1:" + port + "\n  distribution: ketama\n"
                + "  auto_eject_hosts: false\n");
        if (hash != null) {
            yaml.append("  hash: ").append(hash).append('\n');
        }
        yaml.append("  servers:\n");
        for (ServerAddress s : servers) {
            yaml.append("   - ").append(s.host()).append(':').append(s.port()).append(':').append(s.weight());
            if (s.name() != null) {
                yaml.append(' ').append(s.name());
            }
            yaml.append('\n');
        }
        Path config = Files.writeString(dir.resolve("nutcracker.yml"), yaml);
        Process process = new ProcessBuilder(BINARY.toString(), "-c", config.toString(), "-s",
                String.valueOf(freePort()), "-a", "127.0.0.1", "-o", dir.resolve("nutcracker.log").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
        Twemproxy proxy = new Twemproxy(process, dir, port);
        proxy.awaitListening();
        return proxy;
    }

    /** Stores every key (value "x") through the proxy, pipelined; fails unless each is STORED. */
    void store(List<String> keys) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder batch = new StringBuilder();
            for (String key : keys) {
                batch.append("set ").append(key).append(" 0 0 1\r\nx\r\n");
            }
            out.write(batch.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            for (String key : keys) {
                String reply = in.readLine();
                if (!"STORED".equals(reply)) {
                    fail("twemproxy answered " + reply + " to set " + key + "; log: " + log());
                }
            }
        }
    }

    private void awaitListening() throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT_NANOS;
        while (true) {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    close();
                    fail("twemproxy did not start listening on port " + port + " within 10 s; log: " + log());
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
        }
    }

    private String log() {
        try {
            Path log = dir.resolve("nutcracker.log");
            return Files.exists(log) ? Files.readString(log) : "(none)";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("removing twemproxy's temp dir " + dir, e);
        }
    }
}
