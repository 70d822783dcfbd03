package io.memcached2;

import java.time.Duration;
import java.util.Objects;

/**
 * Where a client finds its servers instead of a fixed list: a cluster's configuration endpoint, asked with
 * {@code config get cluster} (falling back to {@code get AmazonElastiCache:cluster} for ElastiCache engines before
 * 1.4.14). Give it to {@link MemcacheBuilder#discovery(Discovery)}: the client starts with the endpoint's node list
 * and follows it, polling every {@link #pollInterval()}. Immutable; the endpoint is spoken to in plain TCP.
 *
 * <pre>{@code
 * Memcache<String> mc = Memcache.builder()
 *         .discovery(Discovery.elastiCache("mycluster.abc123.cfg.use1.cache.amazonaws.com:11211")
 *                 .pollInterval(Duration.ofSeconds(30)))
 *         .build();
 * }</pre>
 */
public final class Discovery {
    /** How often the endpoint is asked unless {@link #pollInterval(Duration)} says otherwise: 60 s. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(60);

    private final String service;
    private final ServerAddress endpoint;
    private final Duration pollInterval;

    private Discovery(String service, ServerAddress endpoint, Duration pollInterval) {
        this.service = service;
        this.endpoint = endpoint;
        this.pollInterval = pollInterval;
    }

    /**
     * An ElastiCache for Memcached configuration endpoint.
     *
     * @param endpoint {@code host:port} (port 11211 when left out), as the console shows it
     * @return discovery from that endpoint, polled every minute
     * @throws InvalidURI naming a malformed endpoint
     */
    public static Discovery elastiCache(String endpoint) {
        return new Discovery("ElastiCache", parse(endpoint), DEFAULT_POLL_INTERVAL);
    }

    /**
     * A Memorystore for Memcached discovery endpoint, which speaks the same {@code config get cluster} protocol.
     *
     * @param endpoint {@code ip:port}, as {@code gcloud memcache instances describe} shows it
     * @return discovery from that endpoint, polled every minute
     * @throws InvalidURI naming a malformed endpoint
     */
    public static Discovery memorystore(String endpoint) {
        return new Discovery("Memorystore", parse(endpoint), DEFAULT_POLL_INTERVAL);
    }

    private static ServerAddress parse(String endpoint) {
        ServerAddress a = ServerAddress.parse(endpoint);
        if (a.transport() != ServerAddress.Transport.TCP || a.weight() != 1 || a.name() != null) {
            throw new InvalidURI("a configuration endpoint is host:port, not '" + endpoint + "'");
        }
        return a;
    }

    /**
     * @param interval how often to ask the endpoint; positive, at most a day
     * @return a discovery like this one with that interval
     */
    public Discovery pollInterval(Duration interval) {
        Objects.requireNonNull(interval, "poll interval");
        if (interval.isNegative() || interval.isZero() || interval.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("poll interval must be positive and at most a day: " + interval);
        }
        return new Discovery(service, endpoint, interval);
    }

    /** @return how often the endpoint is asked */
    public Duration pollInterval() {
        return pollInterval;
    }

    /** @return the endpoint's host, as given */
    public String host() {
        return endpoint.host();
    }

    /** @return the endpoint's port */
    public int port() {
        return endpoint.port();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Discovery d
                && service.equals(d.service)
                && endpoint.equals(d.endpoint)
                && pollInterval.equals(d.pollInterval);
    }

    @Override
    public int hashCode() {
        return Objects.hash(service, endpoint, pollInterval);
    }

    @Override
    public String toString() {
        return "Discovery[" + service + " " + endpoint.hostAndPort() + ", every " + pollInterval + "]";
    }
}
