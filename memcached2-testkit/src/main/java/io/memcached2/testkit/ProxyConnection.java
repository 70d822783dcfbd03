package io.memcached2.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One client connection of a {@link FaultProxy}: a thread forwards client to server; for server to client one
 * thread reads and applies byte faults, another delivers in order, honouring latency, drip and stall.
 */
final class ProxyConnection {

    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final Chunk END = new Chunk(new byte[0], 0, true);

    private final FaultProxy proxy;
    private final Socket client;
    private final Socket upstream = new Socket();
    private final String name;
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Chunk> toClient = new LinkedBlockingQueue<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Whether the server's bytes have reached the client: from then on a close is a lost connection. */
    private volatile boolean answered;

    ProxyConnection(FaultProxy proxy, Socket client, String name) {
        this.proxy = proxy;
        this.client = client;
        this.name = name;
    }

    /** Starts forwarding to the upstream server. */
    void forward() {
        spawn("up", this::clientToServer);
    }

    /** Starts swallowing what the client sends, never connecting upstream nor answering. */
    void swallow() {
        spawn("hole", () -> {
            try (InputStream in = client.getInputStream()) {
                in.transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                // the client went away or the proxy closed
            } finally {
                close();
            }
        });
    }

    List<Thread> threads() {
        return threads;
    }

    boolean isFinished() {
        return closed.get() && threads.stream().noneMatch(Thread::isAlive);
    }

    /** Closes both sides with an orderly end of stream. */
    void close() {
        end(false);
    }

    /** Closes both sides with a reset (RST). */
    void reset() {
        end(true);
    }

    private void end(boolean reset) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (Socket socket : new Socket[] {client, upstream}) {
            if (reset) {
                Sockets.reset(socket);
            } else {
                Sockets.finish(socket);
            }
        }
        // wakes threads waiting for data to deliver, for its due time, or for the gate
        threads.forEach(Thread::interrupt);
        proxy.closed(this, answered);
    }

    private void spawn(String role, Runnable body) {
        Thread thread = new Thread(body, "faultproxy-" + role + "-" + name);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
        // end() may have run before this thread was in the list
        if (closed.get()) {
            thread.interrupt();
        }
    }

    private void clientToServer() {
        try {
            upstream.connect(new InetSocketAddress(proxy.upstreamHost(), proxy.upstreamPort()), CONNECT_TIMEOUT_MILLIS);
            upstream.setTcpNoDelay(true);
            spawn("down-read", this::readFromServer);
            spawn("down-write", this::writeToClient);
            InputStream in = client.getInputStream();
            OutputStream out = upstream.getOutputStream();
            byte[] buffer = new byte[16 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                proxy.gate().awaitOpen();
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // either side went away: the connection ends
        } catch (InterruptedException e) {
            // the connection was closed while stalled
        } finally {
            close();
        }
    }

    private void readFromServer() {
        try {
            InputStream in = upstream.getInputStream();
            byte[] buffer = new byte[16 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                byte[] data = Arrays.copyOf(buffer, n);
                proxy.corrupt(data);
                int keep = proxy.truncate(n);
                boolean last = keep >= 0;
                long due = System.nanoTime() + proxy.latency().toNanos();
                toClient.add(new Chunk(last ? Arrays.copyOf(data, keep) : data, due, last));
                if (last) {
                    return;
                }
            }
            toClient.add(END);
        } catch (IOException e) {
            toClient.add(END);
        }
    }

    private void writeToClient() {
        try {
            OutputStream out = client.getOutputStream();
            while (true) {
                Chunk chunk = toClient.take();
                Deadline.parkUntil(chunk.due);
                proxy.gate().awaitOpen();
                // set before the bytes go, so a client that reads them and closes at once finds it set
                answered |= chunk.data.length > 0;
                deliver(out, chunk.data);
                if (chunk.last) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client went away
        } catch (InterruptedException e) {
            // the connection was closed
        } finally {
            close();
        }
    }

    private void deliver(OutputStream out, byte[] data) throws IOException, InterruptedException {
        int rate = proxy.dripBytesPerMillisecond();
        if (rate <= 0) {
            out.write(data);
            out.flush();
            return;
        }
        long next = System.nanoTime();
        for (int offset = 0; offset < data.length; offset += rate) {
            Deadline.parkUntil(next);
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("connection closed");
            }
            out.write(data, offset, Math.min(rate, data.length - offset));
            out.flush();
            next += TimeUnit.MILLISECONDS.toNanos(1);
        }
    }

    /** Server-to-client bytes, when they may be delivered, and whether the connection ends after them. */
    private static final class Chunk {

        final byte[] data;
        final long due;
        final boolean last;

        Chunk(byte[] data, long due, boolean last) {
            this.data = data;
            this.due = due;
            this.last = last;
        }
    }
}
