package io.memcached2.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MemcachedServerTest {

    @Test
    void startsAndAnswersVersion() throws IOException {
        try (MemcachedServer server = MemcachedServer.start();
                TextClient client = TextClient.to(server)) {
            assertThat(server.host()).isEqualTo("127.0.0.1");
            assertThat(server.uri()).isEqualTo("memcached://127.0.0.1:" + server.port() + "/");
            assertThat(server.socketPath()).isNull();
            assertThat(server.isRunning()).isTrue();
            assertThat(ProcessHandle.of(server.pid()))
                    .hasValueSatisfying(handle -> assertThat(handle.info().command())
                            .hasValueSatisfying(command -> assertThat(command).endsWith("memcached")));
            assertThat(client.call("version\r\n")).startsWith("VERSION ");
        }
    }

    @Test
    void listensOnAnotherLoopbackAddressAtAFirstServersPort() throws IOException {
        try (MemcachedServer first = MemcachedServer.start();
                MemcachedServer second = MemcachedServer.builder()
                        .listen("127.0.0.2", first.port())
                        .start();
                TextClient one = TextClient.to(first);
                TextClient two = TextClient.to(second)) {
            assertThat(second.host()).isEqualTo("127.0.0.2");
            assertThat(second.port()).isEqualTo(first.port());
            assertThat(second.uri()).isEqualTo("memcached://127.0.0.2:" + first.port() + "/");
            assertThat(one.call("set k 0 0 1\r\n1\r\n")).isEqualTo("STORED");
            assertThat(two.call("get k\r\n")).isEqualTo("END");
            second.restart();
            try (TextClient again = TextClient.to(second)) {
                assertThat(again.call("version\r\n")).startsWith("VERSION ");
            }
        }
        assertThatThrownBy(() -> MemcachedServer.builder().listen("10.0.0.1", 11211))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void storesAndReturnsAValue() throws IOException {
        try (MemcachedServer server = MemcachedServer.start();
                TextClient client = TextClient.to(server)) {
            assertThat(client.call("set k 5 0 5\r\nhello\r\n")).isEqualTo("STORED");
            assertThat(client.call("get k\r\n")).isEqualTo("VALUE k 5 5");
            assertThat(client.readLine()).isEqualTo("hello");
            assertThat(client.readLine()).isEqualTo("END");
        }
    }

    @Test
    void killLeavesNothingListening() {
        try (MemcachedServer server = MemcachedServer.start()) {
            long pid = server.pid();
            server.kill();
            assertThat(server.isRunning()).isFalse();
            assertThat(Processes.isAlive(pid)).isFalse();
            assertThatThrownBy(() -> TextClient.to(server)).hasCauseInstanceOf(ConnectException.class);
        }
    }

    @Test
    void pauseFreezesTheServerAndResumeThawsIt() throws IOException {
        try (MemcachedServer server = MemcachedServer.start();
                TextClient client = TextClient.to(server)) {
            assertThat(client.call("version\r\n")).startsWith("VERSION ");
            server.pause();
            client.readTimeout(Duration.ofMillis(200));
            assertThatThrownBy(() -> client.call("get k\r\n")).isInstanceOf(SocketTimeoutException.class);
            server.resume();
            client.readTimeout(Duration.ofSeconds(5));
            assertThat(client.readLine()).isEqualTo("END");
        }
    }

    @Test
    void stopsAPausedServer() {
        try (MemcachedServer server = MemcachedServer.start()) {
            long pid = server.pid();
            server.pause();
            server.stop();
            assertThat(server.isRunning()).isFalse();
            assertThat(Processes.isAlive(pid)).isFalse();
        }
    }

    @Test
    void restartKeepsThePortAndLosesTheData() throws IOException {
        try (MemcachedServer server = MemcachedServer.start()) {
            int port = server.port();
            long pid = server.pid();
            try (TextClient client = TextClient.to(server)) {
                assertThat(client.call("set k 0 0 1\r\nx\r\n")).isEqualTo("STORED");
            }
            server.restart();
            assertThat(server.port()).isEqualTo(port);
            assertThat(server.pid()).isNotEqualTo(pid);
            try (TextClient client = TextClient.to(server)) {
                assertThat(client.call("get k\r\n")).isEqualTo("END");
            }
        }
    }

    @Test
    void listensOnAUnixSocket() throws IOException {
        try (MemcachedServer server = MemcachedServer.builder().unixSocket().start();
                SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            assertThat(server.socketPath()).exists();
            assertThat(server.uri()).isEqualTo("memcached+unix://" + server.socketPath());
            assertThat(server.port()).isZero();
            channel.connect(UnixDomainSocketAddress.of(server.socketPath()));
            channel.write(ByteBuffer.wrap("version\r\n".getBytes(StandardCharsets.US_ASCII)));
            ByteArrayOutputStream reply = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(64);
            while (!reply.toString(StandardCharsets.US_ASCII).endsWith("\r\n") && channel.read(buffer) >= 0) {
                reply.write(buffer.array(), 0, buffer.position());
                buffer.clear();
            }
            assertThat(reply.toString(StandardCharsets.US_ASCII)).startsWith("VERSION ");
        }
    }

    @Test
    void passesOptionsToMemcached() throws IOException {
        try (MemcachedServer server = MemcachedServer.builder()
                        .maxItemSize(2 * 1024 * 1024)
                        .memoryMb(32)
                        .threads(3)
                        .connectionLimit(100)
                        .extraArgs("-R", "7")
                        .start();
                TextClient client = TextClient.to(server)) {
            client.send("stats settings\r\n");
            java.util.Map<String, String> settings = new java.util.HashMap<>();
            for (String line = client.readLine(); !"END".equals(line); line = client.readLine()) {
                String[] parts = line.split(" ");
                settings.put(parts[1], parts[2]);
            }
            assertThat(settings)
                    .containsEntry("item_size_max", "2097152")
                    .containsEntry("maxbytes", Integer.toString(32 * 1024 * 1024))
                    .containsEntry("num_threads", "3")
                    .containsEntry("maxconns", "100")
                    .containsEntry("reqs_per_event", "7");
        }
    }

    @Test
    void reportsStderrWhenMemcachedExitsAtStart() {
        assertThatThrownBy(() ->
                        MemcachedServer.builder().extraArgs("--no-such-option").start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exited")
                .hasMessageContaining("no-such-option");
    }
}
