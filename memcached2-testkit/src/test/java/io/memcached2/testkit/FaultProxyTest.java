package io.memcached2.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MemcachedExtension.class)
class FaultProxyTest {

    private static final Duration SHORT = Duration.ofMillis(200);
    private static final Duration LONG = Duration.ofSeconds(5);

    private final MemcachedServer server;
    private final FaultProxy proxy;

    FaultProxyTest(MemcachedServer server) {
        this.server = server;
        this.proxy = FaultProxy.to(server);
    }

    @AfterEach
    void closeProxy() {
        proxy.close();
    }

    @Test
    void forwardsBothWays() throws IOException {
        try (TextClient client = client()) {
            assertThat(proxy.uri()).isEqualTo("memcached://127.0.0.1:" + proxy.port() + "/");
            assertThat(client.call("set fwd 0 0 2\r\nhi\r\n")).isEqualTo("STORED");
            assertThat(client.call("get fwd\r\n")).isEqualTo("VALUE fwd 0 2");
            assertThat(proxy.connectionCount()).isEqualTo(1);
            assertThat(proxy.openConnections()).isEqualTo(1);
        }
    }

    @Test
    void addsLatencyToReplies() throws IOException {
        try (TextClient client = client()) {
            assertThat(client.call("version\r\n")).startsWith("VERSION");
            proxy.latency(Duration.ofMillis(150));
            long start = System.nanoTime();
            assertThat(client.call("version\r\n")).startsWith("VERSION");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
        }
    }

    @Test
    void dripsRepliesSlowly() throws IOException {
        String value = "x".repeat(300);
        try (TextClient client = client()) {
            assertThat(client.call("set drip 0 0 300\r\n" + value + "\r\n")).isEqualTo("STORED");
            proxy.slowDrip(1);
            long start = System.nanoTime();
            assertThat(client.call("get drip\r\n")).isEqualTo("VALUE drip 0 300");
            assertThat(client.readLine()).isEqualTo(value);
            assertThat(client.readLine()).isEqualTo("END");
            // 322 bytes at one byte per millisecond
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        }
    }

    @Test
    void stallsBothDirectionsUntilReleased() throws IOException {
        try (TextClient client = client()) {
            client.readTimeout(SHORT);
            proxy.stall(true);
            assertThatThrownBy(() -> client.call("set stall 0 0 1\r\nz\r\n"))
                    .isInstanceOf(SocketTimeoutException.class);
            try (TextClient direct = TextClient.to(server)) {
                assertThat(direct.call("get stall\r\n"))
                        .as("the request is held too")
                        .isEqualTo("END");
            }
            proxy.stall(false);
            client.readTimeout(LONG);
            assertThat(client.readLine()).isEqualTo("STORED");
        }
    }

    @Test
    void resetsOpenConnections() throws IOException {
        try (TextClient client = client()) {
            assertThat(client.call("version\r\n")).startsWith("VERSION");
            proxy.resetConnections();
            assertThatThrownBy(() -> {
                        if (client.readLine() == null) {
                            throw new IOException("end of stream");
                        }
                    })
                    .isInstanceOf(IOException.class);
            assertThat(Deadline.after(LONG).await(() -> proxy.openConnections() == 0))
                    .isTrue();
        }
    }

    @Test
    void countsLostConnectionsThatHadCarriedAReply() throws IOException {
        proxy.refuseConnections(true);
        try (TextClient refused = client()) {
            assertThat(refused.readLine()).isNull();
        }
        proxy.refuseConnections(false);
        proxy.blackHole(true);
        try (TextClient swallowed = new TextClient(proxy.host(), proxy.port(), SHORT)) {
            assertThatThrownBy(() -> swallowed.call("version\r\n")).isInstanceOf(SocketTimeoutException.class);
        }
        proxy.blackHole(false);
        try (TextClient unanswered = client()) {
            assertThat(Deadline.after(LONG).await(() -> proxy.openConnections() > 0))
                    .isTrue();
        }
        assertThat(Deadline.after(LONG).await(() -> proxy.openConnections() == 0))
                .isTrue();
        assertThat(proxy.lostConnections())
                .as("no connection had carried a reply")
                .isZero();

        try (TextClient reset = client();
                TextClient truncated = client()) {
            assertThat(reset.call("version\r\n")).startsWith("VERSION");
            assertThat(truncated.call("version\r\n")).startsWith("VERSION");
            proxy.truncateNext(3);
            assertThat(truncated.call("version\r\n")).isEqualTo("VER");
            assertThat(Deadline.after(LONG).await(() -> proxy.lostConnections() == 1))
                    .isTrue();
            proxy.resetConnections();
            assertThat(Deadline.after(LONG).await(() -> proxy.lostConnections() == 2))
                    .isTrue();
        }
        try (TextClient endedByClient = client()) {
            assertThat(endedByClient.call("version\r\n")).startsWith("VERSION");
        }
        assertThat(Deadline.after(LONG).await(() -> proxy.lostConnections() == 3))
                .as("lost %s", proxy.lostConnections())
                .isTrue();
        TextClient openAtClose = client();
        assertThat(openAtClose.call("version\r\n")).startsWith("VERSION");
        proxy.close();
        openAtClose.close();
        assertThat(proxy.lostConnections())
                .as("closing the proxy loses nothing")
                .isEqualTo(3);
    }

    @Test
    void refusesNewConnectionsButKeepsOpenOnes() throws IOException {
        try (TextClient open = client()) {
            assertThat(open.call("version\r\n")).startsWith("VERSION");
            proxy.refuseConnections(true);
            try (TextClient refused = client()) {
                assertThat(refused.readLine()).isNull();
            }
            assertThat(open.call("version\r\n")).startsWith("VERSION");
            proxy.refuseConnections(false);
            try (TextClient accepted = client()) {
                assertThat(accepted.call("version\r\n")).startsWith("VERSION");
            }
        }
    }

    @Test
    void blackHoleNeverAnswers() throws IOException {
        proxy.blackHole(true);
        try (TextClient client = new TextClient(proxy.host(), proxy.port(), SHORT)) {
            assertThatThrownBy(() -> client.call("version\r\n")).isInstanceOf(SocketTimeoutException.class);
            assertThat(proxy.openConnections()).isEqualTo(1);
        }
        proxy.clearFaults();
        try (TextClient client = client()) {
            assertThat(client.call("version\r\n")).startsWith("VERSION");
        }
    }

    @Test
    void corruptsTheNextBytes() throws IOException {
        try (TextClient client = client()) {
            proxy.corruptNext(3);
            client.send("version\r\n");
            byte[] corrupted = client.readBytes(3);
            assertThat(corrupted).containsExactly(~'V' & 0xff, ~'E' & 0xff, ~'R' & 0xff);
            assertThat(client.readLine()).startsWith("SION ");
            assertThat(client.call("version\r\n")).startsWith("VERSION");
        }
    }

    @Test
    void truncatesAndCloses() throws IOException {
        try (TextClient client = client()) {
            proxy.truncateNext(5);
            client.send("version\r\n");
            assertThat(new String(client.readAll(), StandardCharsets.US_ASCII)).isEqualTo("VERSI");
        }
    }

    @Test
    void closeEndsEveryThread() throws IOException {
        try (TextClient client = client()) {
            assertThat(client.call("version\r\n")).startsWith("VERSION");
            proxy.close();
            assertThat(client.readLine()).isNull();
        }
        String port = Integer.toString(proxy.port());
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(thread -> thread.getName().startsWith("faultproxy-")
                        && thread.getName().contains(port));
        assertThat(server.isRunning()).isTrue();
    }

    private TextClient client() {
        return new TextClient(proxy.host(), proxy.port());
    }
}
