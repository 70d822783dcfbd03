package io.memcached2.internal.protocol;

import io.memcached2.testkit.MemcachedServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A plain socket to a real memcached that records exact reply bytes. Each exchange is followed by a sentinel
 * miss ({@code mg __end__ O987654 k}) whose unique reply marks where the real reply ends, without any sleep.
 */
final class RawSession implements AutoCloseable {
    private static final byte[] SENTINEL = Feed.bytes("mg __end__ O987654 k\r\n");
    private static final byte[] SENTINEL_REPLY = Feed.bytes("EN O987654 k__end__\r\n");

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RawSession(MemcachedServer server) {
        try {
            socket = new Socket(server.host(), server.port());
            socket.setSoTimeout(10_000);
            socket.setTcpNoDelay(true);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends the request and returns the exact bytes the server answered to it. */
    byte[] exchange(byte[] request) {
        try {
            out.write(request);
            out.write(SENTINEL);
            out.flush();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[65536];
            while (!endsWith(got, SENTINEL_REPLY)) {
                int n = in.read(buf);
                if (n < 0) {
                    throw new IllegalStateException("server closed the connection; got '"
                            + new String(got.toByteArray(), StandardCharsets.ISO_8859_1) + "'");
                }
                got.write(buf, 0, n);
            }
            byte[] all = got.toByteArray();
            return Arrays.copyOf(all, all.length - SENTINEL_REPLY.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String exchange(String request) {
        return new String(exchange(Feed.bytes(request)), StandardCharsets.ISO_8859_1);
    }

    /** Sends the request and returns everything the server sends until it closes the connection. */
    byte[] untilClosed(byte[] request) {
        try {
            out.write(request);
            out.flush();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean endsWith(ByteArrayOutputStream got, byte[] suffix) {
        if (got.size() < suffix.length) {
            return false;
        }
        byte[] all = got.toByteArray();
        return Arrays.equals(all, all.length - suffix.length, all.length, suffix, 0, suffix.length);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
