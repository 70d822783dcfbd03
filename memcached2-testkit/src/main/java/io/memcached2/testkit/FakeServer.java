package io.memcached2.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A scripted TCP server on a free loopback port, for replies and socket faults a real memcached never produces.
 *
 * <p>It frames what it receives like memcached: a command is a line ending in {@code \n}, followed for storage
 * commands ({@code set add replace append prepend cas}, and meta {@code ms}) by its data block. Each command is
 * matched against the rules in the order they were added; the first match answers. A command that matches none
 * gets no answer, except a connection's first line when it is one of the two a client greets a new connection
 * with, which is answered as memcached 1.6 answers it unless a rule says otherwise: {@code mn} with {@code MN},
 * {@code version} with {@code VERSION 1.6.18}. Every command is recorded, greetings included.
 *
 * <p>A connection whose first byte is 0x80 speaks memcached's binary protocol, as with memcached: its requests are
 * framed as binary packets and recorded, and matched, as lines named by {@link BinaryPackets}; a first NOOP is
 * answered with a NOOP of its opaque, like the {@code mn} greeting.
 *
 * <pre>{@code
 * try (FakeServer fake = FakeServer.start()) {
 *     fake.whenLineStartsWith("mg ", "SERVER_ERROR out of memory\r\n");
 *     ... connect to fake.host(), fake.port() ...
 *     fake.awaitReceived(1, Duration.ofSeconds(5));
 * }
 * }</pre>
 */
public final class FakeServer implements AutoCloseable {

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final ServerSocket listener;
    private final Thread acceptor;
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final Set<FakeConnection> open = ConcurrentHashMap.newKeySet();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final AtomicReference<FakeConnection> latest = new AtomicReference<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger partialWrite = new AtomicInteger(-1);
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition receivedMore = lock.newCondition();
    private final List<String> received = new ArrayList<>();
    private final ByteArrayOutputStream receivedBytes = new ByteArrayOutputStream();
    private final List<byte[]> pendingChunks = new ArrayList<>();
    private volatile boolean stalled;
    private volatile boolean closed;

    private FakeServer() {
        this.listener = Sockets.listen();
        this.acceptor = new Thread(this::acceptConnections, "fakeserver-accept-" + listener.getLocalPort());
        acceptor.setDaemon(true);
    }

    /**
     * Starts a server with no rules on a free port of 127.0.0.1.
     *
     * @return the started server; close it when done
     */
    public static FakeServer start() {
        FakeServer server = new FakeServer();
        server.acceptor.start();
        return server;
    }

    /** @return "127.0.0.1" */
    public String host() {
        return Sockets.LOOPBACK;
    }

    /** @return the port the server listens on */
    public int port() {
        return listener.getLocalPort();
    }

    /** @return {@code memcached://127.0.0.1:PORT/} */
    public String uri() {
        return "memcached://" + host() + ":" + port() + "/";
    }

    /**
     * Adds a rule: a command line (without CRLF or data block) that {@code lineMatcher} accepts is answered with
     * the bytes {@code reply} returns for it (none if it returns null).
     *
     * @param lineMatcher which command lines the rule answers
     * @param reply the reply to a matching line, or null for none
     * @return this server
     */
    public FakeServer onCommand(Predicate<String> lineMatcher, Function<String, byte[]> reply) {
        rules.add(new Rule(Objects.requireNonNull(lineMatcher, "lineMatcher"), Objects.requireNonNull(reply, "reply")));
        return this;
    }

    /**
     * Adds a rule: a command line starting with {@code prefix} is answered with {@code reply} (UTF-8, as given).
     *
     * @param prefix the start of the command lines the rule answers
     * @param reply the reply, sent as it is
     * @return this server
     */
    public FakeServer whenLineStartsWith(String prefix, String reply) {
        byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
        return onCommand(line -> line.startsWith(prefix), line -> bytes.clone());
    }

    /**
     * Sends raw bytes now to the most recently accepted open connection, or to the next connection as soon as it
     * is accepted; each chunk is a separate write and flush, to split a reply across reads.
     *
     * @param chunks the bytes, one write each
     */
    public void reply(byte[]... chunks) {
        byte[][] copies = Arrays.stream(chunks).map(byte[]::clone).toArray(byte[][]::new);
        FakeConnection target = latest.get();
        if (target != null && open.contains(target) && target.write(copies)) {
            return;
        }
        lock.lock();
        try {
            pendingChunks.addAll(Arrays.asList(copies));
        } finally {
            lock.unlock();
        }
    }

    /** @return the command lines received so far, in order, without CRLF or data blocks */
    public List<String> received() {
        lock.lock();
        try {
            return List.copyOf(received);
        } finally {
            lock.unlock();
        }
    }

    /** @return every byte received so far, over all connections, in arrival order */
    public byte[] receivedBytes() {
        lock.lock();
        try {
            return receivedBytes.toByteArray();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until at least {@code n} command lines have been received and returns them all.
     *
     * @param n how many command lines to wait for
     * @param timeout how long to wait
     * @return every command line received so far
     * @throws AssertionError if fewer arrived within {@code timeout}
     */
    public List<String> awaitReceived(int n, Duration timeout) {
        return awaitReceived(lines -> lines.size() >= n, n + " commands", timeout);
    }

    /**
     * Waits until each word has appeared in some received command line and returns them all. Counting lines does not
     * tell whether requests arrived when a client may join concurrent gets into one text {@code get k1 k2 ...} line.
     *
     * @param words the words (keys, usually) to wait for
     * @param timeout how long to wait
     * @return every command line received so far
     * @throws AssertionError if some word had not arrived within {@code timeout}
     */
    public List<String> awaitWords(Collection<String> words, Duration timeout) {
        Set<String> wanted = Set.copyOf(words);
        return awaitReceived(
                lines -> lines.stream()
                                .flatMap(line -> Arrays.stream(line.split(" ")))
                                .filter(wanted::contains)
                                .distinct()
                                .count()
                        == wanted.size(),
                "the words " + wanted,
                timeout);
    }

    private List<String> awaitReceived(Predicate<List<String>> done, String what, Duration timeout) {
        long left = timeout.toNanos();
        lock.lock();
        try {
            while (!done.test(received)) {
                if (left <= 0) {
                    throw new AssertionError("expected " + what + " within " + timeout + ", got " + received);
                }
                left = receivedMore.awaitNanos(left);
            }
            return List.copyOf(received);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for commands", e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sends raw bytes to the most recently accepted open connection and then closes that connection only (FIN), so
     * that a client quick to reconnect keeps its new connection.
     *
     * @param chunks the bytes, one write each
     * @return whether there was an open connection to send to
     */
    public boolean replyThenClose(byte[]... chunks) {
        return replyThenEnd(false, chunks);
    }

    /**
     * As {@link #replyThenClose}, ending that connection with a reset (RST).
     *
     * @param chunks the bytes, one write each
     * @return whether there was an open connection to send to
     */
    public boolean replyThenReset(byte[]... chunks) {
        return replyThenEnd(true, chunks);
    }

    private boolean replyThenEnd(boolean reset, byte[]... chunks) {
        FakeConnection target = latest.get();
        if (target == null || !open.contains(target)) {
            return false;
        }
        target.write(Arrays.stream(chunks).map(byte[]::clone).toArray(byte[][]::new));
        if (reset) {
            target.reset();
        } else {
            target.finish();
        }
        return true;
    }

    /** Closes every connection open now with an orderly end of stream (FIN); one opened meanwhile stays. */
    public void closeConnections() {
        List.copyOf(open).forEach(FakeConnection::finish);
    }

    /** Closes every connection open now with a reset (RST); one opened meanwhile stays. */
    public void resetConnections() {
        List.copyOf(open).forEach(FakeConnection::reset);
    }

    /**
     * While true, commands are still read and recorded but never answered.
     *
     * @param stalled whether to stop answering
     */
    public void stall(boolean stalled) {
        this.stalled = stalled;
    }

    /**
     * Sends only the first {@code bytes} bytes of the next rule-produced reply, on any connection.
     *
     * @param bytes how many bytes of that reply to send, not negative
     */
    public void partialWrite(int bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must not be negative: " + bytes);
        }
        partialWrite.set(bytes);
    }

    /**
     * Writes these bytes now to every open connection.
     *
     * @param garbage the bytes to write
     */
    public void sendGarbage(byte[] garbage) {
        byte[] copy = garbage.clone();
        List.copyOf(open).forEach(connection -> connection.write(copy));
    }

    /** @return how many connections have been accepted so far */
    public int connectionCount() {
        return accepted.get();
    }

    /** @return how many connections are open now */
    public int openConnections() {
        return open.size();
    }

    /** Stops listening, closes every connection and waits for the server's threads to end. */
    @Override
    public void close() {
        closed = true;
        Sockets.closeQuietly(listener);
        Deadline deadline = Deadline.after(CLOSE_TIMEOUT);
        Sockets.join(acceptor, deadline);
        open.forEach(FakeConnection::finish);
        threads.forEach(thread -> Sockets.join(thread, deadline));
    }

    void recordBytes(byte[] bytes) {
        lock.lock();
        try {
            receivedBytes.write(bytes, 0, bytes.length);
        } finally {
            lock.unlock();
        }
    }

    void recordLine(String line) {
        lock.lock();
        try {
            received.add(line);
            receivedMore.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void answer(FakeConnection connection, String line) {
        boolean first = !connection.greeted;
        connection.greeted = true;
        if (stalled) {
            return;
        }
        for (Rule rule : rules) {
            if (rule.matcher.test(line)) {
                byte[] reply = rule.reply.apply(line);
                if (reply != null) {
                    int limit = partialWrite.getAndSet(-1);
                    connection.write(limit >= 0 ? Arrays.copyOf(reply, Math.min(limit, reply.length)) : reply);
                }
                return;
            }
        }
        if (first && line.equals("mn")) {
            connection.write("MN\r\n".getBytes(StandardCharsets.US_ASCII));
        } else if (first && line.equals("version")) {
            connection.write("VERSION 1.6.18\r\n".getBytes(StandardCharsets.US_ASCII));
        } else if (first && line.startsWith("bin 0a O")) {
            connection.write(BinaryPackets.ok(0x0a, BinaryPackets.opaque(line)));
        }
    }

    void closed(FakeConnection connection) {
        open.remove(connection);
    }

    private void acceptConnections() {
        while (!closed) {
            Socket socket;
            try {
                socket = listener.accept();
                socket.setTcpNoDelay(true);
            } catch (IOException e) {
                return;
            }
            int number = accepted.incrementAndGet();
            FakeConnection connection = new FakeConnection(this, socket, "fakeserver-conn-" + port() + "-" + number);
            open.add(connection);
            threads.removeIf(thread -> !thread.isAlive());
            threads.add(connection.thread());
            latest.set(connection);
            if (closed) {
                connection.finish();
            }
            connection.start();
            sendPending(connection);
        }
    }

    private void sendPending(FakeConnection connection) {
        byte[][] chunks;
        lock.lock();
        try {
            chunks = pendingChunks.toArray(new byte[0][]);
            pendingChunks.clear();
        } finally {
            lock.unlock();
        }
        if (chunks.length > 0) {
            connection.write(chunks);
        }
    }

    private static final class Rule {

        final Predicate<String> matcher;
        final Function<String, byte[]> reply;

        Rule(Predicate<String> matcher, Function<String, byte[]> reply) {
            this.matcher = matcher;
            this.reply = reply;
        }
    }
}
