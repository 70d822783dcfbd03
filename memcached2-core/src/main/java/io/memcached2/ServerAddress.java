package io.memcached2;

import java.util.Objects;

/**
 * One server as configured: its transport, host text, port (or socket path), weight and optional name.
 * Key placement hashes this configured text, never a resolved address, so it is stable across DNS changes.
 *
 * <p>Accepted forms: {@code memcached://host[:port][/][?weight=N&name=S]}, {@code memcached+tls://host[:port]/},
 * {@code memcached+unix:///path/to.sock}, and plain {@code host[:port]}. IPv6 literals go in brackets.
 */
public final class ServerAddress {
    /** memcached's default port. */
    public static final int DEFAULT_PORT = 11211;

    /** How the client reaches the server. */
    public enum Transport {
        /** Plain TCP. */
        TCP,
        /** TCP with TLS. */
        TLS,
        /** A UNIX domain socket. */
        UNIX
    }

    private final Transport transport;
    private final String host;
    private final int port;
    private final String path;
    private final int weight;
    private final String name;
    /** Where connections go when that is not {@link #host}: the IP an auto discovery reply lists; else null. */
    private final String connectHost;

    private ServerAddress(Transport transport, String host, int port, String path, int weight, String name) {
        this(transport, host, port, path, weight, name, null);
    }

    private ServerAddress(
            Transport transport, String host, int port, String path, int weight, String name, String connectHost) {
        this.transport = transport;
        this.host = host;
        this.port = port;
        this.path = path;
        this.weight = weight;
        this.name = name;
        this.connectHost = connectHost;
    }

    /**
     * A node listed by a configuration endpoint: placed by its host name (so it keeps its keys when its IP changes),
     * connected to at {@code ip} when there is one. The caller has checked both.
     */
    static ServerAddress discovered(String host, String ip, int port) {
        return new ServerAddress(Transport.TCP, host, port, null, 1, null, ip);
    }

    /**
     * Parses a server URI.
     *
     * @param uri the text, as in the class description
     * @return the address
     * @throws InvalidURI naming the input when it is malformed
     * @throws UnknownProtocol when the scheme is not one of memcached, memcached+tls, memcached+unix
     */
    public static ServerAddress parse(String uri) {
        if (uri == null || uri.isBlank()) {
            throw new InvalidURI("server URI is empty");
        }
        String text = uri.trim();
        refuseCredentials(text);
        int schemeEnd = text.indexOf("://");
        if (schemeEnd < 0) {
            return parseAuthority(text, "", Transport.TCP, uri);
        }
        String scheme = text.substring(0, schemeEnd);
        String rest = text.substring(schemeEnd + 3);
        String query = "";
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        switch (scheme) {
            case "memcached":
                return parseAuthority(stripSlash(rest, uri), query, Transport.TCP, uri);
            case "memcached+tls":
                return parseAuthority(stripSlash(rest, uri), query, Transport.TLS, uri);
            case "memcached+unix":
                if (!rest.startsWith("/") || rest.length() < 2) {
                    throw new InvalidURI(
                            "UNIX socket URI needs an absolute path (memcached+unix:///path): '" + uri + "'");
                }
                return withQuery(new ServerAddress(Transport.UNIX, null, 0, rest, 1, null), query, uri);
            default:
                throw new UnknownProtocol("unknown scheme '" + scheme + "' in server URI '" + uri
                        + "' (expected memcached, memcached+tls or memcached+unix)");
        }
    }

    /**
     * Server URIs end up in logs and messages, so a password in one would leak: such a URI is refused, and the
     * message does not repeat it.
     */
    private static void refuseCredentials(String uri) {
        int scheme = uri.indexOf("://");
        int start = scheme >= 0 ? scheme + 3 : 0;
        int end = start;
        while (end < uri.length() && "/?#".indexOf(uri.charAt(end)) < 0) {
            end++;
        }
        int at = uri.lastIndexOf('@', end - 1);
        if (at >= start) {
            if (uri.substring(start, at).indexOf(':') < 0) {
                throw new InvalidURI(
                        "server URI with a user name refused (use MemcacheBuilder.credentials): '" + uri + "'");
            }
            throw new InvalidURI("server URI with credentials (user:password@host) refused, not repeated here so as"
                    + " not to leak them; use MemcacheBuilder.credentials(user, password)");
        }
    }

    private static String stripSlash(String rest, String uri) {
        String r = rest.endsWith("/") ? rest.substring(0, rest.length() - 1) : rest;
        if (r.contains("/")) {
            throw new InvalidURI("server URI has a path, which memcached URIs do not take: '" + uri + "'");
        }
        return r;
    }

    private static ServerAddress parseAuthority(String authority, String query, Transport transport, String uri) {
        String host;
        String portText = null;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw new InvalidURI("unclosed '[' in IPv6 host of server URI '" + uri + "'");
            }
            host = authority.substring(1, close);
            String after = authority.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    throw new InvalidURI("unexpected text after IPv6 host in server URI '" + uri + "'");
                }
                portText = after.substring(1);
            }
        } else {
            int colon = authority.lastIndexOf(':');
            if (colon >= 0 && authority.indexOf(':') != colon) {
                throw new InvalidURI("IPv6 host must be in brackets in server URI '" + uri + "'");
            }
            host = colon >= 0 ? authority.substring(0, colon) : authority;
            portText = colon >= 0 ? authority.substring(colon + 1) : null;
        }
        if (host.isEmpty()) {
            throw new InvalidURI("server URI has no host: '" + uri + "'");
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c <= ' ' || c == '@' || c == '/' || c == '?' || c == '#' || c >= 0x7f) {
                throw new InvalidURI("invalid character in host of server URI '" + uri + "'");
            }
        }
        int port = DEFAULT_PORT;
        if (portText != null) {
            port = parseNumber(portText, "port", uri);
            if (port < 1 || port > 65535) {
                throw new InvalidURI("port out of range 1-65535 in server URI '" + uri + "'");
            }
        }
        return withQuery(new ServerAddress(transport, host, port, null, 1, null), query, uri);
    }

    private static ServerAddress withQuery(ServerAddress a, String query, String uri) {
        int weight = a.weight;
        String name = a.name;
        if (!query.isEmpty()) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String k = eq < 0 ? pair : pair.substring(0, eq);
                String v = eq < 0 ? "" : pair.substring(eq + 1);
                switch (k) {
                    case "weight":
                        weight = parseNumber(v, "weight", uri);
                        if (weight < 1) {
                            throw new InvalidURI("weight must be at least 1 in server URI '" + uri + "'");
                        }
                        break;
                    case "name":
                        if (v.isEmpty()) {
                            throw new InvalidURI("empty name in server URI '" + uri + "'");
                        }
                        name = v;
                        break;
                    default:
                        throw new InvalidURI(
                                "unknown parameter '" + k + "' in server URI '" + uri + "' (known: weight, name)");
                }
            }
        }
        return new ServerAddress(a.transport, a.host, a.port, a.path, weight, name);
    }

    private static int parseNumber(String text, String what, String uri) {
        if (text.isEmpty() || text.length() > 9) {
            throw new InvalidURI("invalid " + what + " '" + text + "' in server URI '" + uri + "'");
        }
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new InvalidURI("invalid " + what + " '" + text + "' in server URI '" + uri + "'");
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /** @return how the server is reached */
    public Transport transport() {
        return transport;
    }

    /** @return the host exactly as configured (no DNS lookup); null for a UNIX socket */
    public String host() {
        return host;
    }

    /** @return the TCP port; 0 for a UNIX socket */
    public int port() {
        return port;
    }

    /** @return the socket path for a UNIX socket, otherwise null */
    public String path() {
        return path;
    }

    /** @return the weight (1 unless {@code ?weight=N} says otherwise) */
    public int weight() {
        return weight;
    }

    /** @return the optional name ({@code ?name=S}), used by twemproxy-style placement; null if none */
    public String name() {
        return name;
    }

    /**
     * @return where connections go: {@link #host()}, except for a node found by auto discovery with an IP, which is
     *     connected to at that IP while its host name stays its identity for key placement; null for a UNIX socket
     */
    public String connectHost() {
        return connectHost != null ? connectHost : host;
    }

    /** @return {@code host:port} (IPv6 hosts bracketed), or the socket path */
    public String hostAndPort() {
        if (transport == Transport.UNIX) {
            return path;
        }
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ServerAddress)) {
            return false;
        }
        ServerAddress that = (ServerAddress) o;
        return transport == that.transport
                && port == that.port
                && weight == that.weight
                && Objects.equals(host, that.host)
                && Objects.equals(path, that.path)
                && Objects.equals(name, that.name)
                && Objects.equals(connectHost, that.connectHost);
    }

    @Override
    public int hashCode() {
        return Objects.hash(transport, host, port, path, weight, name, connectHost);
    }

    /**
     * @return the address as a URI that {@link #parse} accepts; a discovered node's IP ({@link #connectHost()}) is
     *     not part of it
     */
    @Override
    public String toString() {
        String base;
        switch (transport) {
            case UNIX:
                base = "memcached+unix://" + path;
                break;
            case TLS:
                base = "memcached+tls://" + hostAndPort() + "/";
                break;
            default:
                base = "memcached://" + hostAndPort() + "/";
        }
        String q = (weight != 1 ? "weight=" + weight : "")
                + (name != null ? (weight != 1 ? "&" : "") + "name=" + name : "");
        return q.isEmpty() ? base : base + "?" + q;
    }
}
