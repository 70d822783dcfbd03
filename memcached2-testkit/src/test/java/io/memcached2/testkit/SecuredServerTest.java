package io.memcached2.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecuredServerTest {

    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    static Path dir;

    private static KeyStore keyStore;
    private static Path cert;
    private static Path key;

    @BeforeAll
    static void makeCertificate() throws Exception {
        Path p12 = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "keytool")
                                .toString(),
                        "-genkeypair",
                        "-alias",
                        "server",
                        "-keyalg",
                        "EC",
                        "-groupname",
                        "secp256r1",
                        "-dname",
                        "CN=127.0.0.1",
                        "-ext",
                        "san=ip:127.0.0.1",
                        "-validity",
                        "2",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        p12.toString(),
                        "-storepass",
                        new String(PASSWORD),
                        "-keypass",
                        new String(PASSWORD))
                .redirectErrorStream(true)
                .start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(output).isZero();
        keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            keyStore.load(in, PASSWORD);
        }
        cert = dir.resolve("cert.pem");
        key = dir.resolve("key.pem");
        Files.writeString(
                cert, pem("CERTIFICATE", keyStore.getCertificate("server").getEncoded()));
        Files.writeString(
                key, pem("PRIVATE KEY", keyStore.getKey("server", PASSWORD).getEncoded()));
    }

    @Test
    void servesTls() throws Exception {
        try (MemcachedServer server = MemcachedServer.builder().tls(cert, key).start()) {
            assertThat(server.uri()).isEqualTo("memcached+tls://127.0.0.1:" + server.port() + "/");
            assertThat(tlsVersion(server, false)).startsWith("VERSION ");
        }
    }

    @Test
    void requiresAClientCertificateForMutualTls() throws Exception {
        try (MemcachedServer server =
                MemcachedServer.builder().tls(cert, key).tlsClientCa(cert).start()) {
            assertThat(tlsVersion(server, true)).startsWith("VERSION ");
            assertThatThrownBy(() -> tlsVersion(server, false)).isInstanceOf(IOException.class);
        }
    }

    @Test
    void requiresAsciiAuthentication() throws IOException {
        Path auth = Files.writeString(dir.resolve("auth.txt"), "alice:secret1\n");
        try (MemcachedServer server = MemcachedServer.builder().authFile(auth).start();
                TextClient client = TextClient.to(server)) {
            assertThat(client.call("version\r\n")).isEqualTo("CLIENT_ERROR unauthenticated");
            assertThat(client.call("set auth 0 0 13\r\nalice secret1\r\n")).isEqualTo("STORED");
            assertThat(client.call("version\r\n")).startsWith("VERSION ");
        }
    }

    @Test
    void requiresSaslAuthentication() throws IOException {
        try (MemcachedServer server =
                        MemcachedServer.builder().sasl("alice", "secret 1").start();
                Socket socket = new Socket(server.host(), server.port())) {
            socket.setSoTimeout(5_000);
            DataInputStream in = new DataInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            assertThat(binary(out, in, 0x0b, "", "")).isEqualTo("0:1.6.18");
            assertThat(binary(out, in, 0x20, "", "")).isEqualTo("0:PLAIN");
            assertThat(binary(out, in, 0x21, "PLAIN", "\0alice\0wrong")).isEqualTo("32:Auth failure.");
            assertThat(binary(out, in, 0x21, "PLAIN", "\0alice\0secret 1")).isEqualTo("0:Authenticated");
            assertThat(binary(out, in, 0x0a, "", "")).isEqualTo("0:");
        }
    }

    @Test
    void saslServerRefusesCommandsBeforeAuthentication() throws IOException {
        try (MemcachedServer server =
                        MemcachedServer.builder().sasl("alice", "secret1").start();
                Socket socket = new Socket(server.host(), server.port())) {
            socket.setSoTimeout(5_000);
            DataInputStream in = new DataInputStream(socket.getInputStream());
            assertThat(binary(socket.getOutputStream(), in, 0x0a, "", "")).isEqualTo("32:Auth failure.");
            assertThat(in.read()).as("closed after the refusal").isEqualTo(-1);
        }
    }

    /** Sends one binary request and returns "status:body" of its reply. */
    private static String binary(OutputStream out, DataInputStream in, int opcode, String key, String value)
            throws IOException {
        byte[] k = key.getBytes(StandardCharsets.US_ASCII);
        byte[] v = value.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer request = ByteBuffer.allocate(24 + k.length + v.length);
        request.put((byte) 0x80)
                .put((byte) opcode)
                .putShort((short) k.length)
                .put((byte) 0)
                .put((byte) 0)
                .putShort((short) 0)
                .putInt(k.length + v.length)
                .putInt(0)
                .putLong(0)
                .put(k)
                .put(v);
        out.write(request.array());
        out.flush();
        byte[] header = new byte[24];
        in.readFully(header);
        ByteBuffer h = ByteBuffer.wrap(header);
        assertThat(h.get(0)).isEqualTo((byte) 0x81);
        byte[] body = new byte[h.getInt(8)];
        in.readFully(body);
        return (h.getShort(6) & 0xffff) + ":" + new String(body, StandardCharsets.US_ASCII);
    }

    /** Sends {@code version} over TLS, trusting the test certificate and presenting it if asked to. */
    private static String tlsVersion(MemcachedServer server, boolean presentCertificate) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("server", keyStore.getCertificate("server"));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(presentCertificate ? keys.getKeyManagers() : null, trust.getTrustManagers(), null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(server.host(), server.port())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write("version\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String line = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            if (line == null) {
                throw new IOException("connection closed without a reply");
            }
            return line;
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
