package io.memcached2.lease;

import io.memcached2.testkit.MemcachedServer;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Another process's view of the server: one plain socket speaking meta commands, bypassing every client under test.
 * Used to hold leases (a {@code W} on a placeholder) and to store items byte for byte.
 */
final class RawMeta implements AutoCloseable {
    private final Socket socket = new Socket();
    private final InputStream in;
    private final OutputStream out;

    RawMeta(MemcachedServer server) {
        try {
            socket.connect(new InetSocketAddress(server.host(), server.port()), 5_000);
            socket.setSoTimeout(10_000);
            socket.setTcpNoDelay(true);
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sends one command line (without its CRLF) and returns the reply's status line; a {@code VA} reply's data block
     * is read and dropped.
     */
    String command(String line) {
        try {
            out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String reply = readLine();
            if (reply.startsWith("VA ")) {
                int length = Integer.parseInt(reply.split(" ")[1]);
                in.readNBytes(length + 2);
            }
            return reply;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Takes the lease on a missing key the way any meta client does ({@code mg <key> v c N<ttl>}).
     *
     * @return the placeholder's CAS unique
     * @throws AssertionError if the reply did not hand this connection the lease
     */
    long takeLease(String key, int leaseSeconds) {
        String reply = command("mg " + key + " v c N" + leaseSeconds);
        if (!reply.endsWith(" W")) {
            throw new AssertionError("expected to win the lease on '" + key + "', got '" + reply + "'");
        }
        for (String token : reply.split(" ")) {
            if (token.startsWith("c")) {
                return Long.parseLong(token.substring(1));
            }
        }
        throw new AssertionError("no CAS unique in '" + reply + "'");
    }

    /** Stores a value with client flags 0 ({@code ms}); with a CAS unique, only over that item. @return the status */
    String store(String key, String value, long cas) {
        byte[] data = value.getBytes(StandardCharsets.UTF_8);
        try {
            out.write(("ms " + key + " " + data.length + (cas != 0 ? " C" + cas : "") + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(data);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int prev = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("server closed the connection after '" + line + "'");
            }
            if (prev == '\r' && b == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.US_ASCII);
            }
            line.write(b);
            prev = b;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
