package io.memcached2.bench;

import io.memcached2.ServerAddress;
import io.memcached2.testkit.MemcachedServer;

/**
 * A throwaway memcached started through the testkit (256 MB, the given number of worker threads) and pinned to
 * CPU 0 when taskset allows, for runs that name no servers.
 */
public final class LocalMemcached implements AutoCloseable {
    /** The CPU the local server is pinned to; the launcher script pins the benchmark JVM elsewhere. */
    public static final String SERVER_CPU = "0";

    private static final int MEMORY_MB = 256;

    private final MemcachedServer server;
    private final boolean pinned;

    private LocalMemcached(MemcachedServer server, boolean pinned) {
        this.server = server;
        this.pinned = pinned;
    }

    /**
     * Starts the server and waits (with the testkit's bound) until it accepts connections.
     *
     * @param threads memcached worker threads
     * @return the running server
     * @throws InterruptedException when interrupted while pinning it
     */
    public static LocalMemcached start(int threads) throws InterruptedException {
        MemcachedServer server =
                MemcachedServer.builder().memoryMb(MEMORY_MB).threads(threads).start();
        try {
            return new LocalMemcached(server, CpuPinning.pin(server.pid(), SERVER_CPU));
        } catch (InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** @return the server's address */
    public ServerAddress address() {
        return ServerAddress.parse(server.host() + ":" + server.port());
    }

    /** @return how the server was started, for the report */
    public String describe() {
        return "local memcached pid " + server.pid() + ", " + MEMORY_MB + " MB, "
                + (pinned ? "pinned to CPU " + SERVER_CPU : "not pinned (no taskset, or it failed)");
    }

    /** Stops the server. */
    @Override
    public void close() {
        server.close();
    }
}
