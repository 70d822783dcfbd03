package io.memcached2;

import io.memcached2.event.MemcacheListener;
import io.memcached2.internal.events.Events;
import io.memcached2.internal.routing.Engine;
import io.memcached2.internal.transport.Settings;
import io.memcached2.internal.transport.TlsContexts;
import io.memcached2.routing.Reconnector;
import io.memcached2.routing.Selector;
import io.memcached2.transcode.Transcoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;

/**
 * Configures and builds a client. Every option has a safe default; {@link #build()} checks the whole
 * configuration and fails there, not on the first request.
 *
 * @param <V> the value type
 */
public final class MemcacheBuilder<V> {
    /** memcached's default maximum item size ({@code -I 1m}). */
    public static final int DEFAULT_MAX_ITEM_SIZE = 1024 * 1024;
    /** Default cap on the bytes of values waiting to be written on one connection: 64 MiB. */
    public static final long DEFAULT_MAX_QUEUED_BYTES = 64L * 1024 * 1024;

    private final Transcoder<V> transcoder;
    private final List<ServerAddress> servers = new ArrayList<>();
    private final List<MemcacheListener> listeners = new ArrayList<>();
    private Selector selector;
    private Reconnector reconnector = Reconnectors.defaultPolicy();
    private Duration operationTimeout = Duration.ofSeconds(1);
    private Duration connectTimeout = Duration.ofSeconds(2);
    private Protocol protocol = Protocol.AUTO;
    private int maxInFlight = 16_384;
    private int maxItemSize = DEFAULT_MAX_ITEM_SIZE;
    private int ioThreads;
    private Executor callbackExecutor;
    private Executor loaderExecutor;
    private String user;
    private char[] password;
    private Tls tls;
    private boolean authRequired = true;
    private int connectionsPerServer = 1;
    private Duration keepAlive;
    private Duration closeTimeout = Duration.ofSeconds(2);
    private long maxQueuedBytes = DEFAULT_MAX_QUEUED_BYTES;
    private Discovery discovery;

    MemcacheBuilder(Transcoder<V> transcoder) {
        this.transcoder = Objects.requireNonNull(transcoder, "transcoder");
    }

    /**
     * Adds servers by URI ({@link ServerAddress#parse}); throws {@link InvalidURI} naming a bad one. A URI with
     * credentials ({@code user:password@host}) is refused: use {@link #credentials(String, char[])}.
     *
     * @param uris server URIs, such as {@code memcached://host:11211/}
     * @return this builder
     */
    public MemcacheBuilder<V> servers(String... uris) {
        for (String uri : uris) {
            servers.add(ServerAddress.parse(uri));
        }
        return this;
    }

    /**
     * Adds servers by URI.
     *
     * @param uris server URIs, as {@link #servers(String...)} takes them
     * @return this builder
     */
    public MemcacheBuilder<V> servers(List<String> uris) {
        return servers(uris.toArray(new String[0]));
    }

    /**
     * Key placement over several servers; the default is {@code Selectors.ketama()}.
     *
     * @param selector the placement strategy, usually one of {@link Selectors}
     * @return this builder
     */
    public MemcacheBuilder<V> selector(Selector selector) {
        this.selector = Objects.requireNonNull(selector, "selector");
        return this;
    }

    /**
     * When a server whose connection attempts fail is tried again; the default is exponential backoff with jitter,
     * 100 ms to 10 s. Only failed attempts count (refused, timed out, TLS or authentication failure, closed before
     * answering); an established connection that is lost is replaced at once.
     *
     * @param reconnector the policy, usually one of {@link Reconnectors}
     * @return this builder
     */
    public MemcacheBuilder<V> reconnector(Reconnector reconnector) {
        this.reconnector = Objects.requireNonNull(reconnector, "reconnector");
        return this;
    }

    /**
     * How long a request may wait for its reply, counted from submission; default 1 s. Enforced by a timer
     * whether or not anyone waits.
     *
     * @param timeout positive
     * @return this builder
     */
    public MemcacheBuilder<V> operationTimeout(Duration timeout) {
        this.operationTimeout = positive(timeout, "operation timeout");
        return this;
    }

    /**
     * How long a new connection may take to be ready (TCP, TLS, protocol probe, authentication); default 2 s.
     *
     * @param timeout positive
     * @return this builder
     */
    public MemcacheBuilder<V> connectTimeout(Duration timeout) {
        this.connectTimeout = positive(timeout, "connect timeout");
        return this;
    }

    /**
     * Which protocol to speak; default {@link Protocol#AUTO}.
     *
     * @param protocol the protocol to speak
     * @return this builder
     */
    public MemcacheBuilder<V> protocol(Protocol protocol) {
        this.protocol = Objects.requireNonNull(protocol, "protocol");
        return this;
    }

    /**
     * Cap on requests in flight per server, over all its connections; past it requests fail at once with
     * {@link Overloaded}. Default 16384.
     *
     * @param max at least 1
     * @return this builder
     */
    public MemcacheBuilder<V> maxInFlight(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max in flight must be at least 1: " + max);
        }
        this.maxInFlight = max;
        return this;
    }

    /**
     * The largest value stored or accepted, in bytes; default 1 MiB, memcached's default. Larger values are refused
     * before sending, and a reply declaring a larger value is a protocol error.
     *
     * @param bytes positive
     * @return this builder
     */
    public MemcacheBuilder<V> maxItemSize(int bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("max item size must be positive: " + bytes);
        }
        this.maxItemSize = bytes;
        return this;
    }

    /**
     * Cap on the bytes of values accepted on one connection and not yet written (a server that reads slowly makes
     * them wait); past it stores fail at once with {@link Overloaded}. Default {@link #DEFAULT_MAX_QUEUED_BYTES}; at
     * least the maximum item size.
     *
     * @param bytes positive
     * @return this builder
     */
    public MemcacheBuilder<V> maxQueuedBytes(long bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("max queued bytes must be positive: " + bytes);
        }
        this.maxQueuedBytes = bytes;
        return this;
    }

    /**
     * Connections per server; default 1. Requests go to the one with the fewest in flight, so a large value being
     * sent does not hold up small requests behind it. Each connection heals on its own; the server is down only
     * when all of them are.
     *
     * @param connections from 1 to 64
     * @return this builder
     */
    public MemcacheBuilder<V> connectionsPerServer(int connections) {
        if (connections < 1 || connections > 64) {
            throw new IllegalArgumentException("connections per server must be between 1 and 64: " + connections);
        }
        this.connectionsPerServer = connections;
        return this;
    }

    /**
     * Sends a no-op on a connection idle this long, so that a peer that vanished (or a NAT or load balancer that
     * forgot the connection) is found before a caller needs it. Off by default; an idle close by the server is
     * harmless either way, since lost connections are replaced at once.
     *
     * @param idle positive: how long a connection may stay silent
     * @return this builder
     */
    public MemcacheBuilder<V> keepAlive(Duration idle) {
        this.keepAlive = positive(idle, "keep-alive interval");
        return this;
    }

    /**
     * How long {@code close()} lets requests already accepted finish before failing them; default 2 s.
     *
     * @param timeout from 0 to 10 minutes
     * @return this builder
     */
    public MemcacheBuilder<V> closeTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "close timeout");
        if (timeout.isNegative() || timeout.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("close timeout must be between 0 and 10 minutes: " + timeout);
        }
        this.closeTimeout = timeout;
        return this;
    }

    /**
     * Number of I/O threads; default: one per server, at most the number of processors.
     *
     * @param threads at least 1
     * @return this builder
     */
    public MemcacheBuilder<V> ioThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("I/O threads must be at least 1: " + threads);
        }
        this.ioThreads = threads;
        return this;
    }

    /**
     * Where asynchronous results are completed (and so where callbacks run); default: a pool owned by the client.
     *
     * @param executor where completions run
     * @return this builder
     */
    public MemcacheBuilder<V> callbackExecutor(Executor executor) {
        this.callbackExecutor = Objects.requireNonNull(executor, "executor");
        return this;
    }

    /**
     * Runs the loaders of the asynchronous {@code cache()} and every background refresh (early refresh, stale win);
     * the blocking {@code cache()} runs its loader on the calling thread. Default: a pool of the client's own (a
     * daemon thread per load in progress, idle threads ending), shut down on close; an executor given here is not
     * shut down.
     *
     * @param executor runs the loaders
     * @return this builder
     */
    public MemcacheBuilder<V> loaderExecutor(Executor executor) {
        this.loaderExecutor = Objects.requireNonNull(executor, "executor");
        return this;
    }

    /**
     * Credentials for memcached's ASCII authentication ({@code memcached -Y}), or, with {@link Protocol#BINARY},
     * for SASL PLAIN ({@code memcached -S}). ASCII: they are sent on a new connection only after the server has
     * answered a harmless hello with {@code CLIENT_ERROR unauthenticated}, so a server that does not ask for them
     * never receives (and stores) them. SASL: they are sent on every new connection before any other command, once
     * the server has listed PLAIN among its mechanisms; a server without SASL never receives them. A server that
     * does not ask for them is a configuration error, see {@link #requireAuthentication(boolean)}; refused ones are
     * {@link AuthenticationFailed}, retried with the reconnect backoff. They never appear in logs, messages or
     * {@code toString()}.
     *
     * @param user the user name, without spaces or control characters
     * @param password the password, without CR or LF; copied, so the caller may clear its array
     * @return this builder
     */
    public MemcacheBuilder<V> credentials(String user, char[] password) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (user.isEmpty() || user.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            throw new IllegalArgumentException("user name must be non-empty without spaces or control characters");
        }
        for (char c : password) {
            if (c == '\r' || c == '\n') {
                throw new IllegalArgumentException("password must not contain CR or LF");
            }
        }
        this.user = user;
        this.password = password.clone();
        return this;
    }

    /**
     * Whether a server that does not ask for the configured credentials is an error ({@code true}, the default: its
     * connections fail with {@link AuthenticationFailed} and the credentials are not sent) or only a warning, logged
     * once per server, after which it is used without them.
     *
     * @param required whether such a server is an error
     * @return this builder
     */
    public MemcacheBuilder<V> requireAuthentication(boolean required) {
        this.authRequired = required;
        return this;
    }

    /**
     * TLS options for {@code memcached+tls://} servers; without this call such servers use {@code Tls.builder().build()}
     * (the JDK's trust store, hostname verification on).
     *
     * @param options the trust, client certificate, versions and hostname checks
     * @return this builder
     */
    public MemcacheBuilder<V> tls(Tls options) {
        this.tls = Objects.requireNonNull(options, "options");
        return this;
    }

    /**
     * Takes the servers from a configuration endpoint instead of {@link #servers}, and follows its changes (see
     * {@link Discovery}). {@link #build()} asks the endpoint first, within the connect timeout plus the operation
     * timeout, and fails naming the endpoint if it cannot get a list. Not with {@link #tls} (the endpoint is asked in
     * plain TCP).
     *
     * @param discovery the configuration endpoint
     * @return this builder
     */
    public MemcacheBuilder<V> discovery(Discovery discovery) {
        this.discovery = Objects.requireNonNull(discovery, "discovery");
        return this;
    }

    /**
     * Adds a listener told of requests, refusals, timeouts and connections (see {@link MemcacheListener} for the
     * threads it runs on); may be called several times, and listeners are called in this order.
     *
     * @param listener the listener to add
     * @return this builder
     */
    public MemcacheBuilder<V> listener(MemcacheListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /**
     * Builds the client and starts connecting; requests made before a connection is ready wait for it.
     *
     * @return the client; close it when done
     * @throws IllegalStateException if neither servers nor discovery are configured, or discovery is combined with
     *     servers or TLS
     */
    public Memcache<V> build() {
        if (discovery != null && !servers.isEmpty()) {
            throw new IllegalStateException("both servers(...) and discovery(...) configured; the configuration"
                    + " endpoint lists the servers, so give one or the other");
        }
        if (discovery != null && tls != null) {
            throw new IllegalStateException("auto discovery asks its endpoint in plain TCP and lists plain servers;"
                    + " it cannot be combined with tls(...)");
        }
        if (servers.isEmpty() && discovery == null) {
            throw new IllegalStateException("no servers configured; call servers(\"memcached://host:port/\")");
        }
        ClusterFollower follower =
                discovery != null ? new ClusterFollower(discovery, connectTimeout, operationTimeout) : null;
        List<ServerAddress> initial = follower != null ? follower.firstServers() : List.copyOf(servers);
        TlsContexts tlsContexts = null;
        if (tls != null || servers.stream().anyMatch(a -> a.transport() == ServerAddress.Transport.TLS)) {
            tlsContexts = new TlsContexts(tls != null ? tls : Tls.builder().build());
        }
        Selector chosen = selector != null ? selector : Selectors.ketama();
        ExecutorService owned = null;
        Executor callbacks = callbackExecutor;
        if (callbacks == null) {
            owned = CallbackPool.create(Math.max(2, Runtime.getRuntime().availableProcessors()));
            callbacks = owned;
        }
        if (maxQueuedBytes < maxItemSize) {
            throw new IllegalStateException("max queued bytes (" + maxQueuedBytes + ") is below the max item size ("
                    + maxItemSize + "): the largest value could never be sent");
        }
        byte[] auth = user != null ? authPayload(user, password) : null;
        Settings settings = new Settings.Builder()
                .timeouts(connectTimeout.toNanos(), operationTimeout.toNanos(), closeTimeout.toNanos())
                .limits(maxInFlight, maxQueuedBytes, maxItemSize)
                .connections(protocol, connectionsPerServer, keepAlive != null ? keepAlive.toNanos() : 0, reconnector)
                .authentication(auth, authRequired)
                .tls(tlsContexts)
                .callbacks(callbacks)
                .events(Events.of(listeners))
                .build();
        int threads = ioThreads > 0
                ? ioThreads
                : Math.max(1, Math.min(initial.size(), Runtime.getRuntime().availableProcessors()));
        Engine engine = new Engine(initial, chosen, settings, threads, protocol);
        if (follower != null) {
            follower.follow(engine);
        }
        return new DefaultMemcache<>(engine, transcoder, owned, loaderExecutor, follower);
    }

    /** memcached -Y expects "user password" as the data of a set command. */
    private static byte[] authPayload(String user, char[] password) {
        java.nio.ByteBuffer p = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(password));
        byte[] u = user.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[u.length + 1 + p.remaining()];
        System.arraycopy(u, 0, out, 0, u.length);
        out[u.length] = ' ';
        p.get(out, u.length + 1, p.remaining());
        return out;
    }

    private static Duration positive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive: " + d);
        }
        if (d.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException(what + " over a day is surely a mistake: " + d);
        }
        return d;
    }

    @Override
    public String toString() {
        return "MemcacheBuilder[servers=" + servers + (discovery != null ? ", discovery=" + discovery : "")
                + ", protocol=" + protocol + ", operationTimeout="
                + operationTimeout + (user != null ? ", credentials=<set>" : "") + "]";
    }
}
