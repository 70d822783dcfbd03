package io.memcached2.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FakeServerTest {

    private static final Duration SHORT = Duration.ofMillis(150);
    private static final Duration LONG = Duration.ofSeconds(5);

    private final FakeServer fake = FakeServer.start();

    @AfterEach
    void closeFake() {
        fake.close();
    }

    @Test
    void answersByRuleInOrderAndRecordsEveryLine() throws IOException {
        fake.whenLineStartsWith("get a", "END\r\n")
                .whenLineStartsWith("get", "SERVER_ERROR second rule\r\n")
                .onCommand(
                        line -> line.startsWith("echo "),
                        line -> (line.substring(5) + "\r\n").getBytes(StandardCharsets.UTF_8));
        try (TextClient client = new TextClient(fake.host(), fake.port())) {
            assertThat(fake.uri()).isEqualTo("memcached://127.0.0.1:" + fake.port() + "/");
            assertThat(client.call("get a\r\n")).isEqualTo("END");
            assertThat(client.call("get b\r\n")).isEqualTo("SERVER_ERROR second rule");
            assertThat(client.call("echo hi\r\n")).isEqualTo("hi");
            client.readTimeout(SHORT);
            assertThatThrownBy(() -> client.call("nobody answers\r\n")).isInstanceOf(SocketTimeoutException.class);
        }
        assertThat(fake.awaitReceived(4, LONG)).containsExactly("get a", "get b", "echo hi", "nobody answers");
    }

    @Test
    void framesBinaryPacketsAndAnswersTheirGreeting() throws IOException {
        fake.onCommand(
                line -> line.startsWith("bin 0c k1 "),
                line -> BinaryPackets.hit(
                        0x0c, BinaryPackets.opaque(line), 9, 3, "k1", "v".getBytes(StandardCharsets.US_ASCII)));
        byte[] noop = request(0x0a, 7, "", "");
        byte[] getk = request(0x0c, 8, "k1", "");
        byte[] set = request(0x01, 9, "k\r\n", "value\n");
        try (java.net.Socket socket = new java.net.Socket(fake.host(), fake.port())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(concat(noop, getk, set));
            java.io.DataInputStream in = new java.io.DataInputStream(socket.getInputStream());
            byte[] reply = new byte[24 + 24 + 4 + 2 + 1];
            in.readFully(reply);
            assertThat(java.util.Arrays.copyOf(reply, 24)).isEqualTo(BinaryPackets.ok(0x0a, 7));
            assertThat(java.util.Arrays.copyOfRange(reply, 24, reply.length))
                    .isEqualTo(BinaryPackets.hit(0x0c, 8, 9, 3, "k1", "v".getBytes(StandardCharsets.US_ASCII)));
        }
        assertThat(fake.awaitReceived(3, LONG)).containsExactly("bin 0a O7", "bin 0c k1 O8", "bin 01 k\r\n O9");
        assertThat(fake.receivedBytes()).isEqualTo(concat(noop, getk, set));
    }

    /** A binary request packet with no extras. */
    private static byte[] request(int opcode, int opaque, String key, String value) {
        byte[] k = key.getBytes(StandardCharsets.ISO_8859_1);
        byte[] v = value.getBytes(StandardCharsets.ISO_8859_1);
        return java.nio.ByteBuffer.allocate(24 + k.length + v.length)
                .put((byte) 0x80)
                .put((byte) opcode)
                .putShort((short) k.length)
                .putShort((short) 0)
                .putShort((short) 0)
                .putInt(k.length + v.length)
                .putInt(opaque)
                .putLong(0)
                .put(k)
                .put(v)
                .array();
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void readsDataBlocksAsPartOfTheirCommand() throws IOException {
        fake.whenLineStartsWith("set", "STORED\r\n")
                .whenLineStartsWith("ms", "HD\r\n")
                .whenLineStartsWith("cas", "EXISTS\r\n");
        String sent = "set k 0 0 7 noreply\r\nget x\n!\r\nms k 3 T0\r\nabc\r\ncas k 0 0 2 9\r\nzz\r\n";
        try (TextClient client = new TextClient(fake.host(), fake.port())) {
            client.send(sent);
            assertThat(client.readLine()).isEqualTo("STORED");
            assertThat(client.readLine()).isEqualTo("HD");
            assertThat(client.readLine()).isEqualTo("EXISTS");
        }
        assertThat(fake.received()).containsExactly("set k 0 0 7 noreply", "ms k 3 T0", "cas k 0 0 2 9");
        assertThat(new String(fake.receivedBytes(), StandardCharsets.UTF_8)).isEqualTo(sent);
    }

    @Test
    void awaitReceivedFailsWhenTooFewCommandsArrive() {
        assertThatThrownBy(() -> fake.awaitReceived(1, SHORT)).isInstanceOf(AssertionError.class);
    }

    @Test
    void awaitWordsWaitsForEveryWordWhereverItsLineJoinedOthers() throws IOException {
        fake.whenLineStartsWith("get ", "END\r\n");
        try (TextClient client = new TextClient(fake.host(), fake.port())) {
            assertThat(client.call("get k1 k2\r\n")).isEqualTo("END");
            assertThatThrownBy(() -> fake.awaitWords(List.of("k1", "k2", "k3"), SHORT))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("k3");
            assertThat(client.call("get k3\r\n")).isEqualTo("END");
        }
        assertThat(fake.awaitWords(List.of("k1", "k2", "k3"), LONG)).containsExactly("get k1 k2", "get k3");
    }

    @Test
    void sendsRawChunksAsSeparateWrites() throws IOException {
        fake.reply(bytes("VAL"), bytes("UE k 0 1\r\n"));
        try (TextClient client = new TextClient(fake.host(), fake.port())) {
            assertThat(client.readLine()).isEqualTo("VALUE k 0 1");
            awaitOpenConnections(1);
            fake.reply(bytes("x\r"), bytes("\nEN"), bytes("D\r\n"));
            assertThat(client.readLine()).isEqualTo("x");
            assertThat(client.readLine()).isEqualTo("END");
        }
    }

    @Test
    void closesConnectionsWithEndOfStream() throws IOException {
        try (TextClient client = new TextClient(fake.host(), fake.port())) {
            awaitOpenConnections(1);
            fake.closeConnections();
            assertThat(client.readLine()).isNull();
            awaitOpenConnections(0);
            assertThat(fake.connectionCount()).isEqualTo(1);
        }
    }

    @Test
    void resetsConnections() throws IOException {
        try (TextClient client = new TextClient(fake.host(), fake.port())) {
            awaitOpenConnections(1);
            fake.resetConnections();
            assertThatThrownBy(client::readLine)
                    .isInstanceOf(SocketException.class)
                    .hasMessageContaining("reset");
        }
    }

    @Test
    void stallsAndRecovers() throws IOException {
        fake.whenLineStartsWith("version", "VERSION fake\r\n");
        try (TextClient client = new TextClient(fake.host(), fake.port(), SHORT)) {
            fake.stall(true);
            assertThatThrownBy(() -> client.call("version\r\n")).isInstanceOf(SocketTimeoutException.class);
            assertThat(fake.awaitReceived(1, LONG)).containsExactly("version");
            fake.stall(false);
            assertThat(client.call("version\r\n")).isEqualTo("VERSION fake");
        }
    }

    @Test
    void writesOnlyPartOfTheNextReply() throws IOException {
        fake.whenLineStartsWith("version", "VERSION fake\r\n");
        try (TextClient client = new TextClient(fake.host(), fake.port(), SHORT)) {
            fake.partialWrite(4);
            client.send("version\r\n");
            assertThat(client.readBytes(4)).isEqualTo(bytes("VERS"));
            assertThatThrownBy(client::readLine).isInstanceOf(SocketTimeoutException.class);
            client.readTimeout(LONG);
            assertThat(client.call("version\r\n")).isEqualTo("VERSION fake");
        }
    }

    @Test
    void sendsGarbageToEveryConnection() throws IOException {
        try (TextClient first = new TextClient(fake.host(), fake.port());
                TextClient second = new TextClient(fake.host(), fake.port())) {
            awaitOpenConnections(2);
            fake.sendGarbage(new byte[] {0, (byte) 0xff, '\n'});
            assertThat(first.readBytes(3)).containsExactly(0, 0xff, '\n');
            assertThat(second.readBytes(3)).containsExactly(0, 0xff, '\n');
        }
    }

    @Test
    void closeEndsConnectionsAndThreads() throws IOException {
        try (TextClient client = new TextClient(fake.host(), fake.port())) {
            awaitOpenConnections(1);
            fake.close();
            assertThat(client.readLine()).isNull();
            assertThat(Thread.getAllStackTraces().keySet())
                    .noneMatch(thread -> thread.getName().startsWith("fakeserver-")
                            && thread.getName().contains(Integer.toString(fake.port())));
        }
    }

    private void awaitOpenConnections(int n) {
        assertThat(Deadline.after(LONG).await(() -> fake.openConnections() == n))
                .as("%d open connections", n)
                .isTrue();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
