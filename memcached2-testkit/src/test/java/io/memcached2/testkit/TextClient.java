package io.memcached2.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A plain socket client for the kit's own tests: writes text, reads lines and bytes with a read timeout. */
final class TextClient implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;

    TextClient(String host, int port) {
        this(host, port, Duration.ofSeconds(5));
    }

    TextClient(String host, int port, Duration readTimeout) {
        try {
            socket = new Socket();
            socket.connect(new InetSocketAddress(host, port), 5_000);
            socket.setSoTimeout((int) readTimeout.toMillis());
            socket.setTcpNoDelay(true);
            in = socket.getInputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TextClient to(MemcachedServer server) {
        return new TextClient(server.host(), server.port());
    }

    void readTimeout(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
    }

    void send(String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
    }

    /** Reads one line without its CRLF; null at end of stream. */
    String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.UTF_8);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
    }

    /** Sends one command and returns the first reply line. */
    String call(String command) throws IOException {
        send(command);
        return readLine();
    }

    /** Reads exactly n bytes, or fewer if the stream ends first. */
    byte[] readBytes(int n) throws IOException {
        return in.readNBytes(n);
    }

    /** Reads until end of stream. */
    byte[] readAll() throws IOException {
        return in.readAllBytes();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
