package io.memcached2.testsupport;

import static org.assertj.core.api.Assertions.fail;

import io.memcached2.ServerAddress;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
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
 * A real twemproxy ({@code /usr/sbin/nutcracker}, Debian package nutcracker) in front of some servers, with a
 * generated config in a temp dir ({@code distribution: ketama}, no ejection) and its stats port refreshed every
 * 100 ms, so that a test can count the client connections it accepted.
 */
public final class Twemproxy implements AutoCloseable {
    /** Where Debian installs it. */
    public static final Path BINARY = Path.of("/usr/sbin/nutcracker");

    private static final Pattern SERVER_REQUESTS = Pattern.compile("\"requests\":\\s*(\\d+)");

    private final Process process;
    private final Path dir;
    private final int port;
    private final int statsPort;

    private Twemproxy(Process process, Path dir, int port, int statsPort) {
        this.process = process;
        this.dir = dir;
        this.port = port;
        this.statsPort = statsPort;
    }

    /**
     * Starts nutcracker with the given hash (null for its default) and the servers, each written as
     * {@code host:port:weight [name]}; waits until it accepts connections and its stats have seen that probe end.
     */
    public static Twemproxy start(String hash, List<ServerAddress> servers) throws IOException {
        if (!Files.isExecutable(BINARY)) {
            fail("twemproxy is missing at " + BINARY + ": install the Debian package nutcracker");
        }
        Path dir = Files.createTempDirectory("twemproxy");
        int port = freePort();
        int statsPort = freePort();
        StringBuilder yaml = new StringBuilder(
                "pool:\n  listen: 127.0.0.1:" + port + "\n  distribution: ketama\n" + "  auto_eject_hosts: false\n");
        if (hash != null) {
            yaml.append("  hash: ").append(hash).append('\n');
        }
        yaml.append("  servers:\n");
        for (ServerAddress s : servers) {
            yaml.append("   - ")
                    .append(s.host())
                    .append(':')
                    .append(s.port())
                    .append(':')
                    .append(s.weight());
            if (s.name() != null) {
                yaml.append(' ').append(s.name());
            }
            yaml.append('\n');
        }
        Path config = Files.writeString(dir.resolve("nutcracker.yml"), yaml);
        Process process = new ProcessBuilder(
                        BINARY.toString(),
                        "-c",
                        config.toString(),
                        "-s",
                        String.valueOf(statsPort),
                        "-a",
                        "127.0.0.1",
                        "-i",
                        "100",
                        "-o",
                        dir.resolve("nutcracker.log").toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.log").toFile())
                .start();
        Twemproxy proxy = new Twemproxy(process, dir, port, statsPort);
        try {
            proxy.awaitListening();
        } catch (RuntimeException | Error e) {
            proxy.close();
            throw e;
        }
        return proxy;
    }

    /** @return {@code memcached://127.0.0.1:PORT/}, the proxy as a client's only server */
    public String uri() {
        return "memcached://127.0.0.1:" + port + "/";
    }

    /** @return the proxy's host and port as the client names it in messages */
    public String hostAndPort() {
        return "127.0.0.1:" + port;
    }

    /** Stores every key (value "x") through the proxy, pipelined; fails unless each is STORED. */
    public void store(List<String> keys) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
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

    /** One reading of the proxy's stats. */
    public static final class Stats {
        /** Client connections open now. */
        public final long open;
        /** Client connections that ended (end of stream or error). */
        public final long ended;
        /** Requests forwarded to the servers, over all of them. */
        public final long forwarded;

        Stats(long open, long ended, long forwarded) {
            this.open = open;
            this.ended = ended;
            this.forwarded = forwarded;
        }

        /** @return client connections accepted so far */
        public long accepted() {
            return open + ended;
        }

        @Override
        public String toString() {
            return open + " client connections open, " + ended + " ended, " + forwarded + " requests forwarded";
        }
    }

    /** Reads the stats port (a JSON document, refreshed every 100 ms). */
    public Stats stats() {
        String json;
        try (Socket s = new Socket("127.0.0.1", statsPort);
                InputStream in = s.getInputStream()) {
            s.setSoTimeout(5000);
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading twemproxy's stats; log: " + log(), e);
        }
        long forwarded = 0;
        Matcher m = SERVER_REQUESTS.matcher(json);
        while (m.find()) {
            forwarded += Long.parseLong(m.group(1));
        }
        return new Stats(
                number(json, "client_connections"), number(json, "client_eof") + number(json, "client_err"), forwarded);
    }

    private static long number(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\\s*(\\d+)").matcher(json);
        if (!m.find()) {
            throw new AssertionError("no " + name + " in twemproxy's stats: " + json);
        }
        return Long.parseLong(m.group(1));
    }

    private void awaitListening() {
        Poll.until("twemproxy listening on port " + port, Duration.ofSeconds(10), () -> {
            if (!process.isAlive()) {
                fail("twemproxy exited; log: " + log());
            }
            try (Socket probe = new Socket("127.0.0.1", port)) {
                return true;
            } catch (IOException notYet) {
                return false;
            }
        });
        // the probe above is a client connection too: wait until the stats have seen it end
        Poll.until(
                "twemproxy's stats to count the probe connection",
                Duration.ofSeconds(10),
                () -> stats().ended >= 1 && stats().open == 0);
    }

    /** @return what nutcracker logged so far, for failure messages */
    public String log() {
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
            throw new UncheckedIOException("removing twemproxy's temp dir " + dir, e);
        }
    }
}
