package io.memcached2.internal.transcode;

import io.memcached2.transcode.Encoded;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Stores and reads items byte for byte over memcached's text protocol, bypassing every client under test. */
final class RawMemcached implements AutoCloseable {
    private final Socket socket = new Socket();
    private final InputStream in;
    private final OutputStream out;

    RawMemcached(String host, int port) throws IOException {
        socket.connect(new InetSocketAddress(host, port), 5_000);
        socket.setSoTimeout(5_000);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    void set(String key, Encoded item) throws IOException {
        String header =
                "set " + key + " " + Integer.toUnsignedString(item.flags()) + " 0 " + item.data().length + "\r\n";
        out.write(header.getBytes(StandardCharsets.US_ASCII));
        out.write(item.data());
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String reply = readLine();
        if (!reply.equals("STORED")) {
            throw new IllegalStateException("set " + key + " answered " + reply);
        }
    }

    /** @return the stored flags and bytes, as the server holds them */
    Encoded get(String key) throws IOException {
        out.write(("get " + key + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String header = readLine();
        String[] parts = header.split(" ");
        if (parts.length != 4 || !parts[0].equals("VALUE") || !parts[1].equals(key)) {
            throw new IllegalStateException("get " + key + " answered " + header);
        }
        byte[] data = in.readNBytes(Integer.parseInt(parts[3]));
        String end = readLine() + readLine();
        if (!end.equals("END")) {
            throw new IllegalStateException("get " + key + " ended with " + end);
        }
        return new Encoded(Integer.parseUnsignedInt(parts[2]), data);
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed mid-reply after '" + line + "'");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
