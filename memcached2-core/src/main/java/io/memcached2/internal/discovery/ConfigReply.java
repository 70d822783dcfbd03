package io.memcached2.internal.discovery;

import io.memcached2.ProtocolError;
import io.memcached2.ServerError;
import io.memcached2.internal.protocol.Keys;
import io.netty.util.NetUtil;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads one configuration reply, strictly:
 * {@code CONFIG cluster 0 <length>\r\n<version>\n<host|ip|port>( <host|ip|port>)*\n\r\nEND\r\n}, or the same with a
 * {@code VALUE AmazonElastiCache:cluster 0 <length>} header for the legacy {@code get}. Lengths are checked before
 * anything is allocated for them; anything else is a {@link ProtocolError} naming the endpoint and what was wrong.
 */
public final class ConfigReply {
    /** Longest header line accepted, CRLF included. */
    public static final int MAX_LINE = 256;
    /** Largest body accepted: far above what hundreds of nodes take (about 100 bytes each). */
    public static final int MAX_BODY = 1 << 20;

    private static final byte[] TRAILER = "\r\nEND\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_HOST = 253;

    private ConfigReply() {}

    /**
     * Reads the reply to {@code command}.
     *
     * @return the configuration, or null when the server does not know {@link ConfigCommand#CONFIG_GET} (it
     *     answered {@code ERROR})
     * @throws ProtocolError for a malformed reply or a refusal
     * @throws ServerError when the endpoint answers {@code SERVER_ERROR}
     * @throws IOException when reading fails or the stream ends early ({@link EOFException})
     */
    public static ClusterConfig read(InputStream in, ConfigCommand command, String endpoint) throws IOException {
        String header = line(in, endpoint);
        if (header.equals("ERROR")) {
            if (command == ConfigCommand.CONFIG_GET) {
                return null;
            }
            throw error(endpoint, "answers ERROR to both 'config get cluster' and 'get AmazonElastiCache:cluster'");
        }
        if (header.startsWith("SERVER_ERROR")) {
            throw new ServerError("configuration endpoint " + endpoint + " answered '" + Keys.escape(header) + "'");
        }
        if (command == ConfigCommand.LEGACY_GET && header.equals("END")) {
            throw error(endpoint, "has no AmazonElastiCache:cluster item: not an ElastiCache configuration endpoint");
        }
        int length = bodyLength(header, command, endpoint);
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            throw new EOFException("configuration endpoint " + endpoint + " closed the connection in its reply");
        }
        // checked before the trailer is awaited, so that a bad body is named rather than waited on
        ClusterConfig config = parseBody(body, endpoint);
        byte[] trailer = in.readNBytes(TRAILER.length);
        if (trailer.length < TRAILER.length) {
            throw new EOFException("configuration endpoint " + endpoint + " closed the connection in its reply");
        }
        if (!java.util.Arrays.equals(trailer, TRAILER)) {
            throw error(
                    endpoint,
                    "sent '" + text(trailer) + "' after its " + length + "-byte configuration where"
                            + " '\\r\\nEND\\r\\n' belongs");
        }
        return config;
    }

    /** Reads a header line ending in CRLF, at most {@link #MAX_LINE} bytes. */
    private static String line(InputStream in, String endpoint) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        int b;
        while ((b = in.read()) >= 0) {
            out.write(b);
            if (b == '\n') {
                break;
            }
            if (out.size() >= MAX_LINE) {
                throw error(
                        endpoint,
                        "sent a header line longer than " + MAX_LINE + " bytes: '" + text(out.toByteArray()) + "'");
            }
        }
        byte[] raw = out.toByteArray();
        if (b < 0) {
            throw new EOFException("configuration endpoint " + endpoint + " closed the connection"
                    + (raw.length > 0 ? " after '" + text(raw) + "'" : " without answering"));
        }
        if (raw.length < 2 || raw[raw.length - 2] != '\r') {
            throw error(endpoint, "sent a header line not ending in CRLF: '" + text(raw) + "'");
        }
        for (int i = 0; i < raw.length - 2; i++) {
            if (raw[i] < ' ' || raw[i] >= 0x7f) {
                throw error(endpoint, "sent a header line with a control or non-ASCII byte: '" + text(raw) + "'");
            }
        }
        return new String(raw, 0, raw.length - 2, StandardCharsets.US_ASCII);
    }

    private static int bodyLength(String header, ConfigCommand command, String endpoint) {
        String[] t = header.split(" ", -1);
        if (t.length != 4 || !t[0].equals(command.replyWord) || !t[1].equals(command.key)) {
            throw error(
                    endpoint,
                    "answered '" + Keys.escape(header) + "' where '" + command.replyWord + " " + command.key
                            + " <flags> <length>' belongs");
        }
        if (!digits(t[2], 10)) {
            throw error(endpoint, "sent invalid flags in '" + Keys.escape(header) + "'");
        }
        if (!digits(t[3], 7)) {
            throw error(endpoint, "sent an invalid length in '" + Keys.escape(header) + "'");
        }
        int length = Integer.parseInt(t[3]);
        if (length == 0 || length > MAX_BODY) {
            throw error(endpoint, "declared a configuration of " + length + " bytes (accepted: 1 to " + MAX_BODY + ")");
        }
        return length;
    }

    /**
     * Parses a body: a version line, then one line of space-separated {@code host|ip|port} entries.
     *
     * @throws ProtocolError naming what is wrong; never returns an empty node list
     */
    public static ClusterConfig parseBody(byte[] body, String endpoint) {
        for (byte b : body) {
            if ((b < ' ' && b != '\n') || b >= 0x7f) {
                throw error(endpoint, "sent a configuration with a control or non-ASCII byte: '" + text(body) + "'");
            }
        }
        String s = new String(body, StandardCharsets.US_ASCII);
        int firstLf = s.indexOf('\n');
        if (firstLf < 0 || s.charAt(s.length() - 1) != '\n' || s.indexOf('\n', firstLf + 1) != s.length() - 1) {
            throw error(
                    endpoint,
                    "sent a configuration that is not a version line and a node line: '" + Keys.escape(s) + "'");
        }
        String versionText = s.substring(0, firstLf);
        if (!digits(versionText, 19)) {
            throw error(endpoint, "sent an invalid configuration version '" + Keys.escape(versionText) + "'");
        }
        long version;
        try {
            version = Long.parseLong(versionText);
        } catch (NumberFormatException e) {
            throw error(endpoint, "sent a configuration version out of range: '" + versionText + "'");
        }
        String nodeLine = s.substring(firstLf + 1, s.length() - 1);
        if (nodeLine.isEmpty()) {
            throw error(endpoint, "sent configuration version " + version + " with no nodes");
        }
        List<NodeEntry> nodes = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String entry : nodeLine.split(" ", -1)) {
            NodeEntry node = entry(entry, endpoint);
            if (!seen.add(node.host() + ":" + node.port())) {
                throw error(endpoint, "lists node " + node.host() + ":" + node.port() + " twice");
            }
            nodes.add(node);
        }
        return new ClusterConfig(version, nodes);
    }

    private static NodeEntry entry(String entry, String endpoint) {
        String[] f = entry.split("\\|", -1);
        if (f.length != 3) {
            throw error(endpoint, "sent node entry '" + Keys.escape(entry) + "', not host|ip|port");
        }
        String host = f[0];
        String ip = f[1];
        if (!validHost(host)) {
            throw error(endpoint, "sent an invalid host name in node entry '" + Keys.escape(entry) + "'");
        }
        if (!ip.isEmpty() && !NetUtil.isValidIpV4Address(ip) && !NetUtil.isValidIpV6Address(ip)) {
            throw error(endpoint, "sent an invalid IP address in node entry '" + Keys.escape(entry) + "'");
        }
        int port = digits(f[2], 5) ? Integer.parseInt(f[2]) : 0;
        if (port < 1 || port > 65535) {
            throw error(endpoint, "sent an invalid port in node entry '" + Keys.escape(entry) + "'");
        }
        return new NodeEntry(host, ip, port);
    }

    /** A DNS name, or an IP literal (Memorystore lists a node's IP in place of its host name). */
    private static boolean validHost(String host) {
        if (host.isEmpty() || host.length() > MAX_HOST) {
            return false;
        }
        if (NetUtil.isValidIpV6Address(host)) {
            return true;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (!(c >= 'a' && c <= 'z'
                    || c >= 'A' && c <= 'Z'
                    || c >= '0' && c <= '9'
                    || c == '-'
                    || c == '.'
                    || c == '_')) {
                return false;
            }
        }
        return true;
    }

    private static boolean digits(String s, int maxLength) {
        if (s.isEmpty() || s.length() > maxLength) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static String text(byte[] raw) {
        return Keys.escape(new String(raw, StandardCharsets.ISO_8859_1));
    }

    private static ProtocolError error(String endpoint, String what) {
        return new ProtocolError("configuration endpoint " + endpoint + " " + what);
    }
}
