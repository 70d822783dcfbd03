package io.memcached2.internal.transport;

import io.memcached2.Protocol;
import io.memcached2.internal.events.Events;
import io.memcached2.routing.Reconnector;
import java.util.concurrent.Executor;

/**
 * What every connection of a client shares: timeouts, limits, protocol choice, credentials and callback executor.
 * Immutable; built by the client builder, which has checked every value.
 */
public final class Settings {
    final long connectTimeoutNanos;
    final long operationTimeoutNanos;
    final int maxInFlight;
    final Protocol protocol;
    final int maxItemSize;
    final Executor callbackExecutor;
    final Reconnector reconnector;
    final byte[] authPayload;
    final boolean authRequired;
    final TlsHandlerFactory tls;
    final int connectionsPerServer;
    final long keepAliveNanos;
    final long maxQueuedBytes;
    final long closeTimeoutNanos;
    final Events events;

    /** Builds settings; see {@link io.memcached2.MemcacheBuilder} for what each value means. */
    public static final class Builder {
        long connectTimeoutNanos;
        long operationTimeoutNanos;
        int maxInFlight;
        Protocol protocol;
        int maxItemSize;
        Executor callbackExecutor;
        Reconnector reconnector;
        byte[] authPayload;
        boolean authRequired = true;
        TlsHandlerFactory tls;
        int connectionsPerServer = 1;
        long keepAliveNanos;
        long maxQueuedBytes;
        long closeTimeoutNanos;
        Events events = Events.NONE;

        /** @return this, with both timeouts set */
        public Builder timeouts(long connectNanos, long operationNanos, long closeNanos) {
            this.connectTimeoutNanos = connectNanos;
            this.operationTimeoutNanos = operationNanos;
            this.closeTimeoutNanos = closeNanos;
            return this;
        }

        /** @return this, with the per-server request cap and per-connection cap on bytes waiting to be written */
        public Builder limits(int maxInFlight, long maxQueuedBytes, int maxItemSize) {
            this.maxInFlight = maxInFlight;
            this.maxQueuedBytes = maxQueuedBytes;
            this.maxItemSize = maxItemSize;
            return this;
        }

        /** @return this, with the connection options */
        public Builder connections(Protocol protocol, int perServer, long keepAliveNanos, Reconnector reconnector) {
            this.protocol = protocol;
            this.connectionsPerServer = perServer;
            this.keepAliveNanos = keepAliveNanos;
            this.reconnector = reconnector;
            return this;
        }

        /**
         * @param payload "user password" bytes for memcached's ASCII authentication, or null
         * @param required whether a server that does not ask for them is an error (otherwise a warning)
         * @return this
         */
        public Builder authentication(byte[] payload, boolean required) {
            this.authPayload = payload;
            this.authRequired = required;
            return this;
        }

        /** @return this, with TLS handlers for memcached+tls servers (null when TLS is not configured) */
        public Builder tls(TlsHandlerFactory tls) {
            this.tls = tls;
            return this;
        }

        /** @return this, with where asynchronous results complete */
        public Builder callbacks(Executor executor) {
            this.callbackExecutor = executor;
            return this;
        }

        /** @return this, with the client's listeners */
        public Builder events(Events events) {
            this.events = events;
            return this;
        }

        /** @return the settings */
        public Settings build() {
            return new Settings(this);
        }
    }

    private Settings(Builder b) {
        this.connectTimeoutNanos = b.connectTimeoutNanos;
        this.operationTimeoutNanos = b.operationTimeoutNanos;
        this.maxInFlight = b.maxInFlight;
        this.protocol = b.protocol;
        this.maxItemSize = b.maxItemSize;
        this.callbackExecutor = b.callbackExecutor;
        this.reconnector = b.reconnector;
        this.authPayload = b.authPayload;
        this.authRequired = b.authRequired;
        this.tls = b.tls;
        this.connectionsPerServer = b.connectionsPerServer;
        this.keepAliveNanos = b.keepAliveNanos;
        this.maxQueuedBytes = b.maxQueuedBytes;
        this.closeTimeoutNanos = b.closeTimeoutNanos;
        this.events = b.events;
    }

    /** @return the client's listeners ({@link Events#NONE} when there are none) */
    public Events events() {
        return events;
    }

    /** @return the operation timeout in nanoseconds */
    public long operationTimeoutNanos() {
        return operationTimeoutNanos;
    }

    /**
     * @return the longest a request lives, in nanoseconds: it may wait for a connection being made up to the connect
     *     timeout, then for its reply up to the operation timeout
     */
    public long requestLifetimeNanos() {
        return connectTimeoutNanos + operationTimeoutNanos;
    }

    /** @return how long close() lets requests in flight finish, in nanoseconds */
    public long closeTimeoutNanos() {
        return closeTimeoutNanos;
    }

    /** @return whether TLS connections can be made */
    public boolean supportsTls() {
        return tls != null;
    }

    /** @return where asynchronous results complete */
    public Executor callbackExecutor() {
        return callbackExecutor;
    }

    /** @return the largest value the client stores or accepts */
    public int maxItemSize() {
        return maxItemSize;
    }
}
