package io.memcached2.internal.placement;

import io.memcached2.ServerAddress;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * The text a ring hashes for each server (followed by {@code -i}). Most forms use the configured text only; the
 * Java clients' forms come from {@link InetSocketAddress}, so they need DNS, done once when the ring is built.
 */
enum NodeNaming {
    /** libmemcached: {@code host} on port 11211, else {@code host:port}, from the configured text. */
    LIBMEMCACHED {
        @Override
        String name(ServerAddress a) {
            return a.port() == ServerAddress.DEFAULT_PORT ? a.host() : a.host() + ":" + a.port();
        }
    },
    /** twemproxy: the server's name when it has one, else as libmemcached. */
    TWEMPROXY {
        @Override
        String name(ServerAddress a) {
            return a.name() != null ? a.name() : LIBMEMCACHED.name(a);
        }
    },
    /**
     * spymemcached {@code Format.SPYMEMCACHED}: an unresolved-looking {@code InetSocketAddress} string without its
     * leading slash, {@code ip:port} for an IP literal, {@code host/ip:port} for a host name (resolved).
     */
    SPYMEMCACHED {
        @Override
        String name(ServerAddress a) {
            String s = new InetSocketAddress(a.host(), a.port()).toString();
            return s.startsWith("/") ? s.substring(1) : s;
        }
    },
    /**
     * spymemcached {@code Format.LIBMEMCACHED}: {@code getHostName()} (reverse DNS for an IP literal, as
     * spymemcached does), plus {@code :port} unless the port is 11211.
     */
    SPYMEMCACHED_LIBMEMCACHED {
        @Override
        String name(ServerAddress a) {
            String host = new InetSocketAddress(a.host(), a.port()).getHostName();
            return a.port() == ServerAddress.DEFAULT_PORT ? host : host + ":" + a.port();
        }
    },
    /** xmemcached's default builder: the connected address after a reverse lookup, {@code host/ip:port}. */
    XMEMCACHED {
        @Override
        String name(ServerAddress a) {
            InetSocketAddress address = new InetSocketAddress(a.host(), a.port());
            address.getHostName();
            return address.toString();
        }
    },
    /** xmemcached with {@code doNotResolveInetAddresses()}: {@code /ip:port}, leading slash kept. */
    XMEMCACHED_UNRESOLVED {
        @Override
        String name(ServerAddress a) {
            try {
                return "/" + InetAddress.getByName(a.host()).getHostAddress() + ":" + a.port();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(
                        "cannot resolve memcached host '" + a.host() + "' for xmemcached-style placement", e);
            }
        }
    };

    /** @return the node string of a TCP server; a UNIX socket is named by its path in every form */
    String of(ServerAddress a) {
        return a.transport() == ServerAddress.Transport.UNIX ? a.path() : name(a);
    }

    abstract String name(ServerAddress a);
}
