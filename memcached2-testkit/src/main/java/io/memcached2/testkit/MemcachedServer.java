package io.memcached2.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A real memcached process on a free loopback TCP port of 127.0.0.1 (or an address and port of 127.0.0.0/8 chosen
 * with {@link Builder#listen}), or on a UNIX socket, for tests.
 *
 * <p>The binary is {@code memcached} from the PATH, or the file named by the environment variable
 * {@code MEMCACHED_BIN}. When the JVM runs as root the server runs as {@code nobody}. The files it is given (TLS
 * certificates and key, auth file, SASL user database) are copied to or made in a temporary directory and made
 * readable by every user, so that memcached can still read them after dropping root: use test credentials only. No server outlives the JVM, even one
 * killed with SIGKILL: a watchdog process kills it when the JVM goes away.
 *
 * <pre>{@code
 * try (MemcachedServer server = MemcachedServer.builder().maxItemSize(2 << 20).start()) {
 *     connect(server.host(), server.port());
 * }
 * }</pre>
 */
public final class MemcachedServer implements AutoCloseable {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration SIGNAL_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);
    private static final int BIND_ATTEMPTS = 5;

    private final List<String> options;
    private final Path workDir;
    private final Path socketPath;
    private final boolean tls;
    private final boolean sasl;
    private final Map<String, String> environment;
    private final Duration startTimeout;
    private final String host;
    private volatile int port;
    private volatile ServerProcess process;
    private volatile boolean closed;

    private MemcachedServer(Builder builder) {
        this.tls = builder.certChain != null;
        this.sasl = builder.saslUser != null;
        this.startTimeout = builder.startTimeout;
        this.host = builder.address;
        boolean needsDir = builder.unixSocket || tls || builder.authFile != null || sasl;
        this.workDir = needsDir ? createWorkDir(builder.unixSocket) : null;
        this.socketPath = builder.unixSocket ? workDir.resolve("memcached.sock") : null;
        this.environment = sasl
                ? Map.of(
                        "SASL_CONF_PATH",
                        SaslDatabase.create(workDir, builder.saslUser, builder.saslPassword)
                                .toString())
                : Map.of();
        this.options = options(builder);
    }

    /**
     * Starts a server with the default options: 64 MB, 2 threads, TCP on a free port.
     *
     * @return the running server; close it when done
     */
    public static MemcachedServer start() {
        return builder().start();
    }

    /** @return a builder for a server with non-default options */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the address TCP servers listen on: "127.0.0.1" unless {@link Builder#listen} chose another (also for
     * UNIX socket servers, which ignore it).
     *
     * @return the listening address
     */
    public String host() {
        return host;
    }

    /** @return the TCP port, or 0 for a UNIX socket server */
    public int port() {
        return port;
    }

    /** @return the UNIX socket file, or null for a TCP server */
    public Path socketPath() {
        return socketPath;
    }

    /**
     * Returns {@code memcached://127.0.0.1:PORT/}, {@code memcached+tls://127.0.0.1:PORT/} for a TLS server, or
     * {@code memcached+unix:///path/to/socket} for a UNIX socket server.
     *
     * @return the URI a client connects to
     */
    public String uri() {
        if (socketPath != null) {
            return "memcached+unix://" + socketPath.toAbsolutePath();
        }
        return (tls ? "memcached+tls://" : "memcached://") + host() + ":" + port + "/";
    }

    /** @return the pid of the memcached process (the last one started, if it is no longer running) */
    public long pid() {
        return process.pid();
    }

    /** @return whether the memcached process is alive (a paused server is alive) */
    public boolean isRunning() {
        ServerProcess current = process;
        return current != null && current.isAlive();
    }

    /** Stops the server with SIGTERM and waits for it to exit; SIGKILL if it has not exited within 10 s. */
    public void stop() {
        ServerProcess current = process;
        if (current != null) {
            current.terminate(STOP_TIMEOUT);
        }
    }

    /** Kills the server with SIGKILL and waits for it to be gone. */
    public void kill() {
        ServerProcess current = process;
        if (current != null) {
            current.kill(STOP_TIMEOUT);
        }
    }

    /** Freezes the server with SIGSTOP: connections stay open but nothing is answered until {@link #resume()}. */
    public void pause() {
        signal("STOP", true);
    }

    /** Lets a paused server run again with SIGCONT. */
    public void resume() {
        signal("CONT", false);
    }

    /** Stops the server if it is running and starts an empty one on the same port or socket. */
    public void restart() {
        if (closed) {
            throw new IllegalStateException("server is closed");
        }
        stop();
        launch(false);
    }

    /** Stops the server and deletes its temporary files; it cannot be restarted afterwards. */
    @Override
    public void close() {
        closed = true;
        stop();
        if (workDir != null) {
            deleteTree(workDir);
        }
    }

    @Override
    public String toString() {
        return "MemcachedServer[" + uri() + (process == null ? "" : ", pid " + process.pid()) + "]";
    }

    private void signal(String name, boolean stopped) {
        ServerProcess current = process;
        if (current == null || !current.isAlive()) {
            throw new IllegalStateException("server is not running");
        }
        current.signal(name);
        if (!current.awaitStopped(stopped, Deadline.after(SIGNAL_TIMEOUT))) {
            throw new IllegalStateException("memcached " + current.pid() + " did not react to SIG" + name);
        }
    }

    private void launch(boolean mayChangePort) {
        Deadline deadline = Deadline.after(startTimeout);
        for (int attempt = 1; ; attempt++) {
            ServerProcess candidate = ServerProcess.launch(command(), environment);
            process = candidate;
            if (deadline.await(() -> !candidate.isAlive() || isReady(candidate))) {
                if (candidate.isAlive()) {
                    return;
                }
                String stderr = candidate.stderr();
                candidate.kill(STOP_TIMEOUT);
                // another process may have taken the port between picking and binding it
                if (mayChangePort
                        && socketPath == null
                        && attempt < BIND_ATTEMPTS
                        && stderr.contains("Address already in use")) {
                    port = Sockets.freePort();
                    continue;
                }
                throw new IllegalStateException(
                        "memcached exited at start (" + String.join(" ", command()) + "): " + stderr.strip());
            }
            candidate.kill(STOP_TIMEOUT);
            throw new IllegalStateException("memcached not ready within " + startTimeout + " ("
                    + String.join(" ", command()) + "): " + candidate.stderr().strip());
        }
    }

    private List<String> command() {
        List<String> command = new ArrayList<>();
        String binary = System.getenv("MEMCACHED_BIN");
        command.add(binary == null || binary.isBlank() ? "memcached" : binary);
        command.addAll(options);
        if (socketPath != null) {
            command.add("-s");
            command.add(socketPath.toString());
        } else {
            command.add("-l");
            command.add(host);
            command.add("-p");
            command.add(Integer.toString(port));
        }
        return command;
    }

    /**
     * A TLS server is ready when it accepts TCP connections and runs; a SASL server when it answers a binary
     * {@code version} (the one command it answers before authentication); the others when they answer
     * {@code version}.
     */
    private boolean isReady(ServerProcess candidate) {
        SocketAddress address =
                socketPath != null ? UnixDomainSocketAddress.of(socketPath) : new InetSocketAddress(host, port);
        try (SocketChannel channel = SocketChannel.open(address)) {
            return tls ? candidate.isAlive() : sasl ? answersBinaryVersion(channel) : answersVersion(channel);
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean answersVersion(SocketChannel channel) throws IOException {
        channel.write(ByteBuffer.wrap("version\r\n".getBytes(StandardCharsets.US_ASCII)));
        channel.configureBlocking(false);
        Deadline deadline = Deadline.after(PROBE_TIMEOUT);
        ByteBuffer reply = ByteBuffer.allocate(256);
        try (Selector selector = Selector.open()) {
            channel.register(selector, SelectionKey.OP_READ);
            while (!deadline.expired() && reply.hasRemaining()) {
                selector.select(Math.max(1, deadline.remainingMillis()));
                if (channel.read(reply) < 0) {
                    break;
                }
                String text = new String(reply.array(), 0, reply.position(), StandardCharsets.US_ASCII);
                if (text.contains("\r\n")) {
                    // a server with ASCII authentication (-Y) answers every command so before authentication
                    return text.startsWith("VERSION ") || text.startsWith("CLIENT_ERROR unauthenticated");
                }
            }
        }
        return false;
    }

    private static boolean answersBinaryVersion(SocketChannel channel) throws IOException {
        byte[] request = new byte[24];
        request[0] = (byte) 0x80;
        request[1] = 0x0b;
        channel.write(ByteBuffer.wrap(request));
        channel.configureBlocking(false);
        Deadline deadline = Deadline.after(PROBE_TIMEOUT);
        ByteBuffer reply = ByteBuffer.allocate(24);
        try (Selector selector = Selector.open()) {
            channel.register(selector, SelectionKey.OP_READ);
            while (!deadline.expired() && reply.hasRemaining()) {
                selector.select(Math.max(1, deadline.remainingMillis()));
                if (channel.read(reply) < 0) {
                    return false;
                }
            }
        }
        return !reply.hasRemaining() && reply.get(0) == (byte) 0x81 && reply.get(1) == 0x0b && reply.getShort(6) == 0;
    }

    private List<String> options(Builder builder) {
        List<String> args = new ArrayList<>(List.of(
                "-m", Integer.toString(builder.memoryMb),
                "-t", Integer.toString(builder.threads),
                "-U", "0"));
        if (builder.maxItemSize != null) {
            args.add("-I");
            args.add(Integer.toString(builder.maxItemSize));
        }
        if (builder.connectionLimit != null) {
            args.add("-c");
            args.add(Integer.toString(builder.connectionLimit));
        }
        if (Root.RUNNING_AS_ROOT) {
            // memcached refuses to run as root without -u
            args.add("-u");
            args.add("nobody");
        }
        if (tls) {
            StringBuilder ssl = new StringBuilder()
                    .append("ssl_chain_cert=")
                    .append(copy(builder.certChain, "chain.pem"))
                    .append(",ssl_key=")
                    .append(copy(builder.key, "key.pem"));
            if (builder.clientCa != null) {
                ssl.append(",ssl_verify_mode=2,ssl_ca_cert=").append(copy(builder.clientCa, "client-ca.pem"));
            }
            args.add("-Z");
            args.add("-o");
            args.add(ssl.toString());
        }
        if (builder.authFile != null) {
            args.add("-Y");
            args.add(copy(builder.authFile, "auth.txt").toString());
        }
        if (sasl) {
            args.add("-S");
        }
        args.addAll(builder.extraArgs);
        return List.copyOf(args);
    }

    /** Copies into the work dir so that memcached can read the file after dropping root, and no comma breaks -o. */
    private Path copy(Path source, String name) {
        Path target = workDir.resolve(name);
        try {
            Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
            setPermissions(target, "rw-r--r--");
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + source + " for memcached", e);
        }
    }

    private static Path createWorkDir(boolean unixSocket) {
        try {
            Path dir = Files.createTempDirectory("memcached2-testkit-");
            // after dropping root, memcached must read the copies and create its socket here
            setPermissions(dir, unixSocket && Root.RUNNING_AS_ROOT ? "rwxrwxrwx" : "rwxr-xr-x");
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory", e);
        }
    }

    private static void setPermissions(Path path, String permissions) throws IOException {
        if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory is harmless
        }
    }

    /** Options for a server; {@link #start()} launches it and waits until it answers. */
    public static final class Builder {

        private int memoryMb = 64;
        private Integer maxItemSize;
        private int threads = 2;
        private Integer connectionLimit;
        private boolean unixSocket;
        private Path certChain;
        private Path key;
        private Path clientCa;
        private Path authFile;
        private String saslUser;
        private String saslPassword;
        private final List<String> extraArgs = new ArrayList<>();
        private Duration startTimeout = Duration.ofSeconds(10);
        private String address = Sockets.LOOPBACK;
        private int fixedPort;

        private Builder() {}

        /**
         * Sets the memory limit in megabytes ({@code -m}); default 64.
         *
         * @param memoryMb the limit in megabytes
         * @return this builder
         */
        public Builder memoryMb(int memoryMb) {
            this.memoryMb = positive(memoryMb, "memoryMb");
            return this;
        }

        /**
         * Sets the largest item size in bytes ({@code -I}); memcached's default (1 MiB) if not set.
         *
         * @param bytes the largest item size
         * @return this builder
         */
        public Builder maxItemSize(int bytes) {
            this.maxItemSize = positive(bytes, "maxItemSize");
            return this;
        }

        /**
         * Sets the number of worker threads ({@code -t}); default 2.
         *
         * @param threads the number of worker threads
         * @return this builder
         */
        public Builder threads(int threads) {
            this.threads = positive(threads, "threads");
            return this;
        }

        /**
         * Sets the maximum number of simultaneous connections ({@code -c}).
         *
         * @param connections the most simultaneous connections
         * @return this builder
         */
        public Builder connectionLimit(int connections) {
            this.connectionLimit = positive(connections, "connectionLimit");
            return this;
        }

        /**
         * Listens on this address of 127.0.0.0/8 and this port instead of 127.0.0.1 and a free port: a second server
         * on another loopback address can take the port of a first one, as a cluster node replaced at a new IP does.
         * The port is not changed if it is taken.
         *
         * @param loopbackAddress an address of 127.0.0.0/8
         * @param port the TCP port
         * @return this builder
         */
        public Builder listen(String loopbackAddress, int port) {
            Objects.requireNonNull(loopbackAddress, "loopbackAddress");
            if (!loopbackAddress.matches("127\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){2}")) {
                throw new IllegalArgumentException("not an IPv4 address of 127.0.0.0/8: " + loopbackAddress);
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port out of range 1-65535: " + port);
            }
            this.address = loopbackAddress;
            this.fixedPort = port;
            return this;
        }

        /**
         * Listens on a socket file in a new temporary directory instead of TCP.
         *
         * @return this builder
         */
        public Builder unixSocket() {
            this.unixSocket = true;
            return this;
        }

        /**
         * Serves TLS only ({@code -Z}) with this PEM certificate chain and PEM private key.
         *
         * @param certChain the server's certificate chain, PEM
         * @param key its private key, PEM
         * @return this builder
         */
        public Builder tls(Path certChain, Path key) {
            this.certChain = Objects.requireNonNull(certChain, "certChain");
            this.key = Objects.requireNonNull(key, "key");
            return this;
        }

        /**
         * Requires clients to present a certificate signed by this PEM CA (mutual TLS); needs {@link #tls}.
         *
         * @param ca the CA certificate clients must be signed by, PEM
         * @return this builder
         */
        public Builder tlsClientCa(Path ca) {
            this.clientCa = Objects.requireNonNull(ca, "ca");
            return this;
        }

        /**
         * Requires ASCII authentication ({@code -Y}) with this file of {@code user:password} lines.
         *
         * @param authFile the file of {@code user:password} lines
         * @return this builder
         */
        public Builder authFile(Path authFile) {
            this.authFile = Objects.requireNonNull(authFile, "authFile");
            return this;
        }

        /**
         * Requires SASL authentication ({@code -S}, binary protocol only) with the PLAIN mechanism and one user, kept
         * in a user database made with {@code saslpasswd2} (Debian's sasl2-bin) in the server's temporary directory.
         * Such a server answers the text protocols not at all: it is found ready by a binary {@code version}.
         *
         * @param user the user name
         * @param password the password
         * @return this builder
         */
        public Builder sasl(String user, String password) {
            this.saslUser = Objects.requireNonNull(user, "user");
            this.saslPassword = Objects.requireNonNull(password, "password");
            if (user.isEmpty() || user.chars().anyMatch(c -> c <= ' ' || c == '@')) {
                throw new IllegalArgumentException(
                        "SASL user must be non-empty, without spaces, control characters" + " or '@'");
            }
            return this;
        }

        /**
         * Appends command line arguments, passed to memcached as they are.
         *
         * @param args the arguments
         * @return this builder
         */
        public Builder extraArgs(String... args) {
            for (String arg : args) {
                extraArgs.add(Objects.requireNonNull(arg, "extraArgs element"));
            }
            return this;
        }

        /**
         * Sets how long {@link #start()} waits for the server to answer; default 10 s.
         *
         * @param timeout how long to wait for the server
         * @return this builder
         */
        public Builder startTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("startTimeout must be positive: " + timeout);
            }
            this.startTimeout = timeout;
            return this;
        }

        /**
         * Starts the server and waits until it is ready.
         *
         * @return the running server; close it when done
         * @throws IllegalStateException if memcached exits (the message holds its stderr) or is not ready in time
         */
        public MemcachedServer start() {
            if (clientCa != null && certChain == null) {
                throw new IllegalStateException("tlsClientCa needs tls(certChain, key)");
            }
            if (saslUser != null && authFile != null) {
                throw new IllegalStateException("sasl and authFile exclude each other: memcached -S -Y takes -Y");
            }
            MemcachedServer server = new MemcachedServer(this);
            try {
                server.port = unixSocket ? 0 : fixedPort > 0 ? fixedPort : Sockets.freePort();
                server.launch(fixedPort == 0);
                return server;
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
        }

        private static int positive(int value, String name) {
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
            return value;
        }
    }

    /** Whether this JVM runs as root, found once. */
    private static final class Root {

        static final boolean RUNNING_AS_ROOT = detect();

        private static boolean detect() {
            if ("root".equals(System.getProperty("user.name"))) {
                return true;
            }
            try {
                Process id =
                        new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
                String uid = new String(id.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
                id.waitFor();
                return "0".equals(uid);
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
