package io.memcached2.internal.transport;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslHandler;

/** Makes the TLS handler for a new connection to a memcached+tls server. */
@FunctionalInterface
public interface TlsHandlerFactory {
    /**
     * @param alloc the channel's allocator
     * @param host the server's configured host, for SNI and hostname verification
     * @param port the server's port
     * @return a fresh handler in client mode
     */
    SslHandler newHandler(ByteBufAllocator alloc, String host, int port);
}
