package io.memcached2.internal.protocol;

import io.memcached2.testkit.MemcachedServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.util.Arrays;

/**
 * A plain socket to a real memcached speaking the binary protocol, recording exact reply bytes. Each exchange is
 * followed by a sentinel NOOP with an opaque no test uses, whose reply marks where the real reply ends.
 */
final class BinaryRawSession implements AutoCloseable {
    static final int SENTINEL_OPAQUE = 0x7eadbeef;
    private static final byte[] SENTINEL = BinaryFrames.bytes(BinaryFrames.request(0x0a, SENTINEL_OPAQUE, 0,
            new byte[0], "", new byte[0]));
    private static final byte[] SENTINEL_REPLY = BinaryFrames.bytes(BinaryFrames.ok(0x0a, SENTINEL_OPAQUE, 0));

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    BinaryRawSession(MemcachedServer server) {
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
            while (!endsWith(got.toByteArray(), SENTINEL_REPLY)) {
                int n = in.read(buf);
                if (n < 0) {
                    throw new IllegalStateException("server closed the connection after "
                            + got.size() + " bytes");
                }
                got.write(buf, 0, n);
            }
            byte[] all = got.toByteArray();
            return Arrays.copyOf(all, all.length - SENTINEL_REPLY.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean endsWith(byte[] all, byte[] suffix) {
        return all.length >= suffix.length
                && Arrays.equals(all, all.length - suffix.length, all.length, suffix, 0, suffix.length);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
