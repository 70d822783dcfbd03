package io.memcached2.cli.support;

import io.memcached2.Memcache;
import io.memcached2.ServerAddress;
import java.time.Duration;
import java.util.List;

/**
 * What the {@code mc} command gives its subcommands: where to read and write, the configured servers, and a client
 * built with the configured options. Subcommands outside the root package see the root command through this, so
 * they need not depend on it.
 */
public interface CommandContext {

    /** @return where to read and write */
    Streams streams();

    /** @return whether --verbose was given */
    boolean verbose();

    /** @return whether servers were named, by --servers or by MEMCACHED_SERVERS */
    boolean serversGiven();

    /** @return the configured servers, parsed; throws {@link io.memcached2.InvalidURI} naming a bad one */
    List<ServerAddress> servers();

    /**
     * @param to the servers to connect to
     * @return a client of raw bytes over these servers, with the configured options
     */
    Memcache<byte[]> connect(List<ServerAddress> to);

    /** @return the operation timeout */
    Duration timeout();

    /** @return the connect timeout */
    Duration connectTimeout();
}
