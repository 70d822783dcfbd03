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
 * request whose unique reply marks where the real reply ends, without any sleep: a meta miss
 * ({@code mg __end__ O987654 k}), or for the binary protocol a NOOP with an opaque no test uses.
 */
final class RawSession implements AutoCloseable {
    /** The opaque of the binary sentinel, which no test may use. */
    private static final int BINARY_SENTINEL_OPAQUE = 0x7eadbeef;

    private static final int NOOP = 0x0a;

    private final byte[] sentinel;
    private final byte[] sentinelReply;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    /** A session for the text and meta protocols. */
    RawSession(MemcachedServer server) {
        this(server, Feed.bytes("mg __end__ O987654 k\r\n"), Feed.bytes("EN O987654 k__end__\r\n"));
    }

    /** @return a session for the binary protocol */
    static RawSession binary(MemcachedServer server) {
        return new RawSession(
                server,
                BinaryFrames.bytes(BinaryFrames.request(NOOP, BINARY_SENTINEL_OPAQUE, 0, new byte[0], "", new byte[0])),
                BinaryFrames.bytes(BinaryFrames.ok(NOOP, BINARY_SENTINEL_OPAQUE, 0)));
    }

    private RawSession(MemcachedServer server, byte[] sentinel, byte[] sentinelReply) {
        this.sentinel = sentinel;
        this.sentinelReply = sentinelReply;
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
            out.write(sentinel);
            out.flush();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[65536];
            while (!endsWith(got, sentinelReply)) {
                int n = in.read(buf);
                if (n < 0) {
                    throw new IllegalStateException("server closed the connection; got '"
                            + new String(got.toByteArray(), StandardCharsets.ISO_8859_1) + "'");
                }
                got.write(buf, 0, n);
            }
            byte[] all = got.toByteArray();
            return Arrays.copyOf(all, all.length - sentinelReply.length);
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
