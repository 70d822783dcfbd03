package io.memcached2.internal.transport;

import io.memcached2.Tls;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * Makes TLS handlers from {@link Tls} options. The certificate and key files are read again for every new
 * connection, and the SSL context is rebuilt when their contents changed, so renewed material is used without a
 * client restart. The JDK engine is used unless netty-tcnative's OpenSSL is on the class path and loads.
 */
public final class TlsContexts implements TlsHandlerFactory {
    private final Tls tls;
    private final SslProvider provider;
    private byte[] materialDigest;
    private SslContext context;

    /**
     * Reads and checks the whole configuration now, so that a mistake fails the client's {@code build()}.
     *
     * @param tls the options
     * @throws IllegalArgumentException naming the file or option at fault
     */
    public TlsContexts(Tls tls) {
        this.tls = tls;
        this.provider = OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
        if (provider == SslProvider.JDK) {
            checkJdkProtocols(tls.protocols());
        }
        current();
        // an unknown cipher suite is only noticed when an engine is made
        context.newEngine(ByteBufAllocator.DEFAULT).closeOutbound();
    }

    /**
     * @throws IllegalArgumentException if a file changed on disk and no longer makes a valid configuration; the
     *     message names the file
     */
    @Override
    public SslHandler newHandler(ByteBufAllocator alloc, String host, int port) {
        String peer = tls.serverName() != null ? tls.serverName() : host;
        SslHandler handler = current().newHandler(alloc, peer, port);
        SSLEngine engine = handler.engine();
        SSLParameters params = engine.getSSLParameters();
        // "HTTPS" identification checks DNS names, and IP-address SANs for an IP-literal host (RFC 2818)
        params.setEndpointIdentificationAlgorithm(tls.hostnameVerification() ? "HTTPS" : null);
        engine.setSSLParameters(params);
        return handler;
    }

    /** @return the context for the files as they are now; rebuilt only when their contents changed */
    private synchronized SslContext current() {
        Material material = Material.read(tls);
        if (context == null || !MessageDigest.isEqual(material.digest, materialDigest)) {
            context = build(material);
            materialDigest = material.digest;
        }
        return context;
    }

    private SslContext build(Material m) {
        SslContextBuilder b =
                SslContextBuilder.forClient().sslProvider(provider).protocols(tls.protocols());
        if (!tls.ciphers().isEmpty()) {
            b.ciphers(tls.ciphers());
        }
        if (m.trust != null) {
            b.trustManager(certificates(m.trust, "TLS trusted CA file " + tls.trustPem()));
        } else if (tls.trustStore() != null) {
            b.trustManager(trustStoreManager());
        }
        if (m.certificate != null) {
            certificates(m.certificate, "TLS client certificate file " + tls.clientCertificate());
            try {
                b.keyManager(new ByteArrayInputStream(m.certificate), new ByteArrayInputStream(m.key));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "TLS client key file " + tls.clientKey()
                                + " holds no valid private key (expected unencrypted PKCS#8 PEM, "
                                + "\"-----BEGIN PRIVATE KEY-----\"): " + rootMessage(e),
                        e);
            }
        }
        try {
            return b.build();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("invalid TLS configuration " + tls + ": " + rootMessage(e), e);
        }
    }

    private TrustManagerFactory trustStoreManager() {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(tls.trustStore());
            return tmf;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("unusable TLS trust store: " + rootMessage(e), e);
        }
    }

    private static X509Certificate[] certificates(byte[] pem, String what) {
        try {
            X509Certificate[] certs = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem))
                    .toArray(new X509Certificate[0]);
            if (certs.length > 0) {
                return certs;
            }
        } catch (CertificateException | RuntimeException e) {
            throw new IllegalArgumentException(what + " holds no valid PEM certificate: " + rootMessage(e), e);
        }
        throw new IllegalArgumentException(what + " holds no certificate");
    }

    /** The JDK accepts a disabled version (TLS 1.1 by default) and only fails at the handshake; fail now instead. */
    private static void checkJdkProtocols(List<String> wanted) {
        List<String> enabled;
        try {
            enabled = Arrays.asList(
                    SSLContext.getDefault().getDefaultSSLParameters().getProtocols());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK offers no TLS implementation", e);
        }
        for (String protocol : wanted) {
            if (!enabled.contains(protocol)) {
                throw new IllegalArgumentException("TLS protocol version " + protocol + " is unknown or disabled in"
                        + " this JVM (jdk.tls.disabledAlgorithms); enabled versions: " + enabled);
            }
        }
    }

    /** @return the message of the innermost cause, the one that usually says what is wrong */
    static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getMessage() != null ? c.getMessage() : c.toString();
    }

    /** The bytes of the configured files as read once, and a digest that tells whether they changed. */
    private static final class Material {
        final byte[] trust;
        final byte[] certificate;
        final byte[] key;
        final byte[] digest;

        private Material(byte[] trust, byte[] certificate, byte[] key) {
            this.trust = trust;
            this.certificate = certificate;
            this.key = key;
            this.digest = digest(trust, certificate, key);
        }

        static Material read(Tls tls) {
            return new Material(
                    read(tls.trustPem(), "trusted CA file"),
                    read(tls.clientCertificate(), "client certificate file"),
                    read(tls.clientKey(), "client key file"));
        }

        private static byte[] read(Path path, String what) {
            if (path == null) {
                return null;
            }
            try {
                return Files.readAllBytes(path);
            } catch (NoSuchFileException e) {
                throw new IllegalArgumentException("TLS " + what + " " + path + " does not exist", e);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read TLS " + what + " " + path + ": " + e, e);
            }
        }

        private static byte[] digest(byte[]... parts) {
            try {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                for (byte[] part : parts) {
                    // the length keeps ("ab", "c") apart from ("a", "bc")
                    int length = part == null ? -1 : part.length;
                    sha.update(new byte[] {
                        (byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length
                    });
                    if (part != null) {
                        sha.update(part);
                    }
                }
                return sha.digest();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JDK has SHA-256", e);
            }
        }
    }
}
