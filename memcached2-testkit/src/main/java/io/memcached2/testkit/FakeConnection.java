package io.memcached2.testkit;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.ReentrantLock;

/** One accepted connection of a {@link FakeServer}: a thread that reads commands, and serialized writes. */
final class FakeConnection {

    private final FakeServer server;
    private final Socket socket;
    private final Thread reader;
    private final ReentrantLock writeLock = new ReentrantLock();
    /** Whether a command line has arrived yet: only the first one can be a greeting. Reader thread only. */
    boolean greeted;

    FakeConnection(FakeServer server, Socket socket, String name) {
        this.server = server;
        this.socket = socket;
        this.reader = new Thread(this::readCommands, name);
        reader.setDaemon(true);
    }

    void start() {
        reader.start();
    }

    Thread thread() {
        return reader;
    }

    /** Writes each chunk with its own write and flush; false if the connection is gone. */
    boolean write(byte[]... chunks) {
        writeLock.lock();
        try {
            OutputStream out = socket.getOutputStream();
            for (byte[] chunk : chunks) {
                out.write(chunk);
                out.flush();
            }
            return true;
        } catch (IOException e) {
            return false;
        } finally {
            writeLock.unlock();
        }
    }

    void finish() {
        Sockets.finish(socket);
    }

    void reset() {
        Sockets.reset(socket);
    }

    private void readCommands() {
        try (InputStream in = new BufferedInputStream(socket.getInputStream())) {
            // like memcached, a connection whose first byte is the binary request magic speaks the binary protocol
            in.mark(1);
            if (in.read() == BinaryPackets.REQUEST_MAGIC) {
                in.reset();
                readPackets(in);
                return;
            }
            in.reset();
            byte[] raw;
            while ((raw = CommandFraming.readLine(in)) != null) {
                server.recordBytes(raw);
                String line = CommandFraming.text(new String(raw, StandardCharsets.UTF_8));
                int dataLength = CommandFraming.dataLength(line);
                if (dataLength >= 0) {
                    byte[] data = in.readNBytes(dataLength + 2);
                    server.recordBytes(data);
                    if (data.length < dataLength + 2) {
                        server.recordLine(line);
                        break;
                    }
                }
                server.recordLine(line);
                server.answer(this, line);
            }
        } catch (IOException e) {
            // a reset or a close from either side ends the connection
        } finally {
            Sockets.closeQuietly(socket);
            server.closed(this);
        }
    }

    /** Reads binary request packets (a header, then its body), each recorded as a line. */
    private void readPackets(InputStream in) throws IOException {
        while (true) {
            byte[] header = in.readNBytes(BinaryPackets.HEADER);
            server.recordBytes(header);
            if (header.length < BinaryPackets.HEADER) {
                return;
            }
            long bodyLen = java.nio.ByteBuffer.wrap(header).getInt(8) & 0xffffffffL;
            byte[] body = in.readNBytes((int) Math.min(bodyLen, Integer.MAX_VALUE - 8));
            server.recordBytes(body);
            String line = BinaryPackets.line(header, body);
            server.recordLine(line);
            if (body.length < bodyLen) {
                return;
            }
            server.answer(this, line);
        }
    }
}
