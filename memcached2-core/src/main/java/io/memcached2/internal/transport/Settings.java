package io.memcached2.internal.transport;

import io.memcached2.Protocol;
import io.memcached2.routing.Reconnector;
import java.util.concurrent.Executor;

/**
 * What every connection of a client shares: timeouts, limits, protocol choice, credentials and callback executor.
 * Immutable.
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
    final TlsHandlerFactory tls;

    /**
     * @param authPayload "user password" bytes for memcached's ASCII authentication, or null
     * @param tls makes TLS handlers for memcached+tls servers, or null when TLS is not configured
     */
    public Settings(long connectTimeoutNanos, long operationTimeoutNanos, int maxInFlight, Protocol protocol,
            int maxItemSize, Executor callbackExecutor, Reconnector reconnector, byte[] authPayload,
            TlsHandlerFactory tls) {
        this.connectTimeoutNanos = connectTimeoutNanos;
        this.operationTimeoutNanos = operationTimeoutNanos;
        this.maxInFlight = maxInFlight;
        this.protocol = protocol;
        this.maxItemSize = maxItemSize;
        this.callbackExecutor = callbackExecutor;
        this.reconnector = reconnector;
        this.authPayload = authPayload;
        this.tls = tls;
    }

    /** @return the operation timeout in nanoseconds */
    public long operationTimeoutNanos() {
        return operationTimeoutNanos;
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
