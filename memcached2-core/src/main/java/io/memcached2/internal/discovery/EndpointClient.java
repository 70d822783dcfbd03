package io.memcached2.internal.discovery;

import io.memcached2.ConnectTimeout;
import io.memcached2.OperationTimeout;
import io.memcached2.ServerDisconnect;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks a configuration endpoint for the cluster configuration over a plain blocking socket, a new connection per
 * question (one every poll interval; nothing is left half-read between polls). It asks with {@code config get
 * cluster}; an endpoint that answers {@code ERROR} is asked with {@code get AmazonElastiCache:cluster} from then on.
 * Blocking: call it from the poller's own thread, never from an event loop.
 */
public final class EndpointClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EndpointClient.class);

    private final String host;
    private final int port;
    private final String endpoint;
    private final int connectTimeoutMillis;
    private final long replyTimeoutNanos;
    private volatile ConfigCommand command = ConfigCommand.CONFIG_GET;
    private volatile Socket current;
    private volatile boolean closed;

    /**
     * @param connectTimeout bound on the TCP connect (name resolution aside)
     * @param replyTimeout bound on the whole reply, from the request written to its last byte
     */
    public EndpointClient(String host, int port, Duration connectTimeout, Duration replyTimeout) {
        this.host = host;
        this.port = port;
        this.endpoint = (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        this.connectTimeoutMillis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
        this.replyTimeoutNanos = replyTimeout.toNanos();
    }

    /** @return {@code host:port} of the endpoint */
    public String endpoint() {
        return endpoint;
    }

    /** @return the command the endpoint is asked with now */
    public ConfigCommand command() {
        return command;
    }

    /**
     * Fetches the configuration once.
     *
     * @throws ConnectTimeout, ServerDisconnect, OperationTimeout when the endpoint cannot be reached, closes or
     *     does not answer in time; {@code ProtocolError} or {@code ServerError} for a bad answer (all name the endpoint)
     */
    public ClusterConfig fetch() {
        boolean connected = false;
        try (Socket socket = new Socket()) {
            current = socket;
            if (closed) {
                throw new ServerDisconnect("auto discovery of " + endpoint + " is closed");
            }
            socket.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
            connected = true;
            socket.setTcpNoDelay(true);
            long deadline = System.nanoTime() + replyTimeoutNanos;
            InputStream in = new BufferedInputStream(new DeadlineInput(socket, deadline));
            OutputStream out = socket.getOutputStream();
            ConfigCommand asked = command;
            out.write(asked.request);
            out.flush();
            ClusterConfig config = ConfigReply.read(in, asked, endpoint);
            if (config == null) {
                LOG.info(
                        "configuration endpoint {} does not know 'config get cluster' (engine before 1.4.14);"
                                + " asking with 'get AmazonElastiCache:cluster' from now on",
                        endpoint);
                command = ConfigCommand.LEGACY_GET;
                out.write(ConfigCommand.LEGACY_GET.request);
                out.flush();
                config = ConfigReply.read(in, ConfigCommand.LEGACY_GET, endpoint);
            }
            return config;
        } catch (SocketTimeoutException e) {
            if (!connected) {
                throw new ConnectTimeout(
                        "configuration endpoint " + endpoint + ": not connected within " + connectTimeoutMillis
                                + " ms (connect timeout)",
                        e);
            }
            throw new OperationTimeout(
                    "configuration endpoint " + endpoint + ": no complete answer within "
                            + TimeUnit.NANOSECONDS.toMillis(replyTimeoutNanos) + " ms (operation timeout)",
                    e);
        } catch (UnknownHostException e) {
            throw new ServerDisconnect("configuration endpoint " + endpoint + ": cannot resolve " + host, e);
        } catch (EOFException e) {
            throw new ServerDisconnect(e.getMessage(), e);
        } catch (IOException e) {
            throw new ServerDisconnect(
                    "configuration endpoint " + endpoint + ": " + (connected ? "" : "cannot connect: ")
                            + e.getMessage(),
                    e);
        } finally {
            current = null;
        }
    }

    /** Stops a fetch in progress (its socket is closed) and refuses further ones. */
    @Override
    public void close() {
        closed = true;
        Socket s = current;
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // closing is all we wanted
            }
        }
    }

    /** The socket's input, each read bounded by what is left of the reply's deadline. */
    private static final class DeadlineInput extends FilterInputStream {
        private final Socket socket;
        private final long deadline;

        DeadlineInput(Socket socket, long deadline) throws IOException {
            super(socket.getInputStream());
            this.socket = socket;
            this.deadline = deadline;
        }

        @Override
        public int read() throws IOException {
            arm();
            return super.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            arm();
            return super.read(b, off, len);
        }

        private void arm() throws IOException {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new SocketTimeoutException("reply deadline passed");
            }
            socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(left))));
        }
    }
}
