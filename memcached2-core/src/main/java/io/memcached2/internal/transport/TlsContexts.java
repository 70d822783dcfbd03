package io.memcached2.internal.transport;

import io.memcached2.Tls;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * Makes TLS handlers from {@link Tls} options, rebuilding the SSL context when a certificate or key file changes.
 * The JDK engine is used unless netty-tcnative's OpenSSL is on the class path.
 */
public final class TlsContexts implements TlsHandlerFactory {
    private final Tls tls;
    private volatile SslContext context;
    private volatile long stamp;

    /**
     * @param tls the options
     * @throws IllegalArgumentException if a file cannot be read or the material is invalid
     */
    public TlsContexts(Tls tls) {
        this.tls = tls;
        this.stamp = filesStamp();
        this.context = build();
    }

    @Override
    public SslHandler newHandler(ByteBufAllocator alloc, String host, int port) {
        long now = filesStamp();
        if (now != stamp) {
            context = build();
            stamp = now;
        }
        String peer = tls.serverName() != null ? tls.serverName() : host;
        SslHandler handler = context.newHandler(alloc, peer, port);
        SSLEngine engine = handler.engine();
        SSLParameters params = engine.getSSLParameters();
        params.setEndpointIdentificationAlgorithm(tls.hostnameVerification() ? "HTTPS" : null);
        engine.setSSLParameters(params);
        return handler;
    }

    private SslContext build() {
        try {
            SslContextBuilder b = SslContextBuilder.forClient()
                    .sslProvider(SslProvider.isAlpnSupported(SslProvider.OPENSSL) ? SslProvider.OPENSSL : SslProvider.JDK)
                    .protocols(tls.protocols());
            if (!tls.ciphers().isEmpty()) {
                b.ciphers(tls.ciphers());
            }
            if (tls.trustPem() != null) {
                b.trustManager(tls.trustPem().toFile());
            } else if (tls.trustStore() != null) {
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(tls.trustStore());
                b.trustManager(tmf);
            }
            if (tls.clientCertificate() != null) {
                b.keyManager(tls.clientCertificate().toFile(), tls.clientKey().toFile());
            }
            return b.build();
        } catch (SSLException | GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid TLS configuration " + tls + ": " + rootMessage(e), e);
        }
    }

    private long filesStamp() {
        return modified(tls.trustPem()) * 31 + modified(tls.clientCertificate()) * 17 + modified(tls.clientKey());
    }

    private static long modified(Path p) {
        if (p == null) {
            return 0;
        }
        try {
            FileTime t = Files.getLastModifiedTime(p);
            return t.toMillis() ^ Files.size(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read TLS file " + p + ": " + e.getMessage(), e);
        }
    }

    static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getMessage() != null ? c.getMessage() : c.toString();
    }
}
