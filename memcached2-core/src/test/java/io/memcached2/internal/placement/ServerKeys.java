package io.memcached2.internal.placement;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Asks a real memcached which of some keys it holds, with plain multi-key {@code get}s over a socket. */
final class ServerKeys {
    private static final int BATCH = 100;

    private ServerKeys() {}

    /** @return the subset of {@code keys} that the server at host:port holds */
    static Set<String> held(String host, int port, List<String> keys) {
        Set<String> held = new HashSet<>();
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            for (int from = 0; from < keys.size(); from += BATCH) {
                StringBuilder get = new StringBuilder("get");
                for (String key : keys.subList(from, Math.min(keys.size(), from + BATCH))) {
                    get.append(' ').append(key);
                }
                out.write(get.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
                out.flush();
                readValues(in, held);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("listing keys held by memcached at " + host + ":" + port, e);
        }
        return held;
    }

    private static void readValues(InputStream in, Set<String> held) throws IOException {
        for (String line = readLine(in); !line.equals("END"); line = readLine(in)) {
            String[] parts = line.split(" ");
            if (parts.length < 4 || !parts[0].equals("VALUE")) {
                throw new IllegalStateException("unexpected reply to get: " + line);
            }
            held.add(parts[1]);
            in.readNBytes(Integer.parseInt(parts[3]) + 2);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("memcached closed the connection mid-reply");
            }
            line.write(b);
        }
        byte[] bytes = line.toByteArray();
        return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
    }
}
