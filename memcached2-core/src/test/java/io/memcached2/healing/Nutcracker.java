package io.memcached2.healing;

import static org.assertj.core.api.Assertions.fail;

import io.memcached2.testkit.MemcachedServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real twemproxy ({@code /usr/sbin/nutcracker}, Debian package nutcracker) in front of memcached servers, as
 * {@code routing/Twemproxy} starts it, with its stats port refreshed every 100 ms so that the test can count the
 * client connections the proxy accepted.
 */
final class Nutcracker implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/sbin/nutcracker");
    private static final String POOL = "healing";
    private static final Pattern SERVER_REQUESTS = Pattern.compile("\"requests\":\\s*(\\d+)");

    private final Process process;
    private final Path dir;
    private final int port;
    private final int statsPort;

    private Nutcracker(Process process, Path dir, int port, int statsPort) {
        this.process = process;
        this.dir = dir;
        this.port = port;
        this.statsPort = statsPort;
    }

    /** Starts nutcracker ({@code distribution: ketama}, no ejection) in front of the servers; waits until it listens. */
    static Nutcracker start(List<MemcachedServer> servers) throws IOException {
        if (!Files.isExecutable(BINARY)) {
            fail("twemproxy is missing at " + BINARY + ": install the Debian package nutcracker");
        }
        Path dir = Files.createTempDirectory("nutcracker");
        int port = freePort();
        int statsPort = freePort();
        StringBuilder yaml = new StringBuilder(POOL + ":\n  listen: 127.0.0.1:" + port
                + "\n  distribution: ketama\n  auto_eject_hosts: false\n  servers:\n");
        for (MemcachedServer s : servers) {
            yaml.append("   - ").append(s.host()).append(':').append(s.port()).append(":1\n");
        }
        Path config = Files.writeString(dir.resolve("nutcracker.yml"), yaml);
        Process process = new ProcessBuilder(BINARY.toString(), "-c", config.toString(), "-s", String.valueOf(statsPort),
                "-a", "127.0.0.1", "-i", "100", "-o", dir.resolve("nutcracker.log").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
        Nutcracker proxy = new Nutcracker(process, dir, port, statsPort);
        try {
            proxy.awaitListening();
        } catch (RuntimeException | Error e) {
            proxy.close();
            throw e;
        }
        return proxy;
    }

    /** @return {@code memcached://127.0.0.1:PORT/}, the proxy as the client's only server */
    String uri() {
        return "memcached://127.0.0.1:" + port + "/";
    }

    /** @return the proxy's host and port as the client names it in messages */
    String hostAndPort() {
        return "127.0.0.1:" + port;
    }

    /** One reading of the proxy's stats. */
    static final class Stats {
        /** Client connections open now. */
        final long open;
        /** Client connections that ended (end of stream or error). */
        final long ended;
        /** Requests forwarded to the servers, over all of them. */
        final long forwarded;

        Stats(long open, long ended, long forwarded) {
            this.open = open;
            this.ended = ended;
            this.forwarded = forwarded;
        }

        /** @return client connections accepted so far */
        long accepted() {
            return open + ended;
        }

        @Override
        public String toString() {
            return open + " client connections open, " + ended + " ended, " + forwarded + " requests forwarded";
        }
    }

    /** Reads the stats port (a JSON document, refreshed every 100 ms). */
    Stats stats() {
        String json;
        try (Socket s = new Socket("127.0.0.1", statsPort); InputStream in = s.getInputStream()) {
            s.setSoTimeout(5000);
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading nutcracker's stats; log: " + log(), e);
        }
        long forwarded = 0;
        Matcher m = SERVER_REQUESTS.matcher(json);
        while (m.find()) {
            forwarded += Long.parseLong(m.group(1));
        }
        return new Stats(number(json, "client_connections"), number(json, "client_eof") + number(json, "client_err"),
                forwarded);
    }

    private static long number(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\\s*(\\d+)").matcher(json);
        if (!m.find()) {
            throw new AssertionError("no " + name + " in nutcracker's stats: " + json);
        }
        return Long.parseLong(m.group(1));
    }

    private void awaitListening() {
        Support.await("nutcracker listening on port " + port, Duration.ofSeconds(10), () -> {
            if (!process.isAlive()) {
                fail("nutcracker exited; log: " + log());
            }
            try (Socket probe = new Socket("127.0.0.1", port)) {
                return true;
            } catch (IOException notYet) {
                return false;
            }
        });
        // the probe above is a client connection too: wait until the stats have seen it end
        Support.await("nutcracker's stats to count the probe connection", Duration.ofSeconds(10),
                () -> stats().ended >= 1 && stats().open == 0);
    }

    String log() {
        try {
            Path log = dir.resolve("nutcracker.log");
            return Files.exists(log) ? Files.readString(log) : "(none)";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
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
            throw new UncheckedIOException("removing nutcracker's temp dir " + dir, e);
        }
    }
}
