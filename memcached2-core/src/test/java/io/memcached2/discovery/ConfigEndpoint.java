package io.memcached2.discovery;

import io.memcached2.testkit.FakeServer;
import io.memcached2.testkit.MemcachedServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A configuration endpoint played by a {@link FakeServer}: answers {@code config get cluster} with what was last
 * published (or whatever a test scripts), and {@code get AmazonElastiCache:cluster} the same way in legacy mode.
 */
final class ConfigEndpoint implements AutoCloseable {
    final FakeServer fake = FakeServer.start();
    private final AtomicReference<Supplier<byte[]>> answer = new AtomicReference<>(() -> null);
    private volatile boolean legacy;

    ConfigEndpoint() {
        fake.onCommand(
                line -> line.equals("config get cluster"),
                line -> legacy ? bytes("ERROR\r\n") : answer.get().get());
        fake.onCommand(
                line -> line.equals("get AmazonElastiCache:cluster"),
                line -> legacy ? answer.get().get() : bytes("END\r\n"));
    }

    /** From now on the endpoint answers {@code config get cluster} with ERROR and only knows the legacy get. */
    ConfigEndpoint legacy() {
        legacy = true;
        return this;
    }

    /** @return {@code 127.0.0.1:port} */
    String endpoint() {
        return fake.host() + ":" + fake.port();
    }

    /** Publishes a configuration: the endpoint answers with it from the next poll. */
    void publish(long version, String... entries) {
        byte[] reply = reply(legacy, version, entries);
        answer.set(() -> reply);
    }

    /** Answers every poll with these bytes. */
    void answerRaw(String bytes) {
        byte[] reply = bytes.getBytes(StandardCharsets.ISO_8859_1);
        answer.set(() -> reply);
    }

    /** Closes each connection as soon as its request arrives, without answering. */
    void closeOnRequest() {
        answer.set(() -> {
            fake.closeConnections();
            return null;
        });
    }

    /** @return how many polls have reached the endpoint (one connection each) */
    int polls() {
        return fake.connectionCount();
    }

    /** Waits until {@code more} polls after {@code since} have reached the endpoint. */
    void awaitPolls(int since, int more) {
        io.memcached2.testsupport.Poll.until(
                more + " more polls after " + since,
                Duration.ofSeconds(20),
                () -> fake.connectionCount() >= since + more);
    }

    /** The wire form of a configuration. */
    static byte[] reply(boolean legacy, long version, String... entries) {
        String body = version + "\n" + String.join(" ", entries) + "\n";
        String header = legacy ? "VALUE AmazonElastiCache:cluster 0 " : "CONFIG cluster 0 ";
        return bytes(header + body.length() + "\r\n" + body + "\r\nEND\r\n");
    }

    /** A node entry: {@code host|ip|port} for a real memcached reached at its address. */
    static String entry(String host, MemcachedServer server) {
        return host + "|" + server.host() + "|" + server.port();
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        fake.close();
    }
}
