package io.memcached2.cli;

import io.memcached2.ServerAddress;
import io.memcached2.ServerDisconnect;
import io.memcached2.ServerError;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.URLDecoder;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Lists a server's keys with {@code lru_crawler metadump all} over a plain socket of its own: the client library
 * has no command for it (nor a way to send a raw command), and the answer is a stream of lines
 * ({@code key=<urlencoded> exp=… la=… cas=… fetch=… cls=… size=…}, then {@code END}) that may be long.
 */
final class MetadumpReader {
    private final Duration connectTimeout;
    private final Duration readTimeout;

    /**
     * @param connectTimeout how long connecting may take
     * @param readTimeout how long the server may stay silent while crawling
     */
    MetadumpReader(Duration connectTimeout, Duration readTimeout) {
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    /**
     * Streams one server's keys to a consumer.
     *
     * @param server the server
     * @param sink gets each key's fields ({@code key} decoded; the others as sent); returns false to stop early
     * @throws ServerDisconnect when the server cannot be reached or stops answering
     * @throws ServerError when the server refuses the crawl (busy, or the crawler is disabled)
     */
    void dump(ServerAddress server, Predicate<Map<String, String>> sink) {
        try (Connection c = open(server)) {
            c.out.write("lru_crawler metadump all\r\n".getBytes(StandardCharsets.US_ASCII));
            c.out.flush();
            String line;
            while ((line = c.in.readLine()) != null) {
                if (line.equals("END")) {
                    return;
                }
                if (!line.startsWith("key=")) {
                    throw new ServerError("server " + server.hostAndPort() + " refused the key dump: " + line);
                }
                if (!sink.test(parse(line))) {
                    return;
                }
            }
            throw new ServerDisconnect("server " + server.hostAndPort() + " closed the connection during the key dump");
        } catch (SocketTimeoutException e) {
            throw new ServerDisconnect(
                    "server " + server.hostAndPort() + " sent nothing for " + readTimeout.toMillis()
                            + " ms during the key dump",
                    e);
        } catch (IOException e) {
            throw new ServerDisconnect("cannot reach " + server.hostAndPort() + ": " + e.getMessage(), e);
        }
    }

    static Map<String, String> parse(String line) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : line.split(" ")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                String name = pair.substring(0, eq);
                String value = pair.substring(eq + 1);
                fields.put(name, name.equals("key") ? URLDecoder.decode(value, StandardCharsets.UTF_8) : value);
            }
        }
        return fields;
    }

    private Connection open(ServerAddress server) throws IOException {
        switch (server.transport()) {
            case TCP: {
                Socket socket = new Socket();
                try {
                    socket.connect(
                            new InetSocketAddress(server.host(), server.port()), (int) connectTimeout.toMillis());
                    socket.setSoTimeout((int) readTimeout.toMillis());
                    return new Connection(socket, socket.getOutputStream(), reader(socket.getInputStream()));
                } catch (IOException e) {
                    socket.close();
                    throw e;
                }
            }
            case UNIX: {
                // Blocking UNIX channels have no read timeout; a hung local server is unlikely enough to accept it.
                SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
                try {
                    ch.connect(UnixDomainSocketAddress.of(server.path()));
                    return new Connection(ch, Channels.newOutputStream(ch), reader(Channels.newInputStream(ch)));
                } catch (IOException e) {
                    ch.close();
                    throw e;
                }
            }
            default:
                throw new IllegalArgumentException("mc dump does not speak TLS yet: " + server);
        }
    }

    private static BufferedReader reader(InputStream in) {
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII), 64 * 1024);
    }

    private record Connection(Closeable resource, OutputStream out, BufferedReader in) implements Closeable {
        @Override
        public void close() throws IOException {
            resource.close();
        }
    }
}
