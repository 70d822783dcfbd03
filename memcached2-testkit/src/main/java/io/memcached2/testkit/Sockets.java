package io.memcached2.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Socket helpers shared by the kit. */
final class Sockets {

    static final String LOOPBACK = "127.0.0.1";

    private Sockets() {}

    static InetAddress loopback() {
        try {
            return InetAddress.getByName(LOOPBACK);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A port that was free a moment ago; the caller must cope with losing a race for it. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, loopback())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    static ServerSocket listen() {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(loopback(), 0), 128);
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on a loopback port", e);
        }
    }

    /** Closes so that the peer sees a reset (RST) rather than an orderly end of stream. */
    static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException e) {
            // already closed: nothing left to reset
        }
        closeQuietly(socket);
    }

    /** Sends FIN first so that the peer sees an end of stream even if unread input would otherwise cause a reset. */
    static void finish(Socket socket) {
        try {
            socket.shutdownOutput();
        } catch (IOException e) {
            // already closed or shut down
        }
        closeQuietly(socket);
    }

    static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // closing is best effort: the resource is unusable either way
        }
    }

    static void join(Thread thread, Deadline deadline) {
        try {
            thread.join(Math.max(1, deadline.remainingMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
