package io.memcached2;

import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Objects;

/**
 * TLS options for {@code memcached+tls://} servers. Immutable; made with {@link #builder()}. By default the JDK's
 * trust store is used, TLS 1.2 and 1.3 are allowed, and the server's certificate must match the configured host
 * name (an IP-literal host is checked against the certificate's IP addresses). The files are read and checked when
 * the client is built, so a mistake fails {@code build()} naming the file; they are read again for every new
 * connection, so renewed certificates are used without a client restart (replace them atomically, by rename).
 * Nothing here is secret: {@link #toString()} shows paths only.
 */
public final class Tls {
    private final Path trustPem;
    private final KeyStore trustStore;
    private final Path clientCertificate;
    private final Path clientKey;
    private final List<String> protocols;
    private final List<String> ciphers;
    private final boolean hostnameVerification;
    private final String serverName;

    private Tls(Builder b) {
        this.trustPem = b.trustPem;
        this.trustStore = b.trustStore;
        this.clientCertificate = b.clientCertificate;
        this.clientKey = b.clientKey;
        this.protocols = b.protocols;
        this.ciphers = b.ciphers;
        this.hostnameVerification = b.hostnameVerification;
        this.serverName = b.serverName;
    }

    /** @return a builder with the defaults described above */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the PEM file of trusted CA certificates, or null */
    public Path trustPem() {
        return trustPem;
    }

    /** @return the trust store, or null */
    public KeyStore trustStore() {
        return trustStore;
    }

    /** @return the client certificate chain (PEM) for mutual TLS, or null */
    public Path clientCertificate() {
        return clientCertificate;
    }

    /** @return the client's private key (PKCS#8 PEM) for mutual TLS, or null */
    public Path clientKey() {
        return clientKey;
    }

    /** @return the allowed protocol versions */
    public List<String> protocols() {
        return protocols;
    }

    /** @return the allowed cipher suites, or an empty list for the JDK's defaults */
    public List<String> ciphers() {
        return ciphers;
    }

    /** @return whether the server's certificate must match its host name */
    public boolean hostnameVerification() {
        return hostnameVerification;
    }

    /** @return the SNI server name to send instead of the configured host, or null */
    public String serverName() {
        return serverName;
    }

    @Override
    public String toString() {
        return "Tls[trust=" + (trustPem != null ? trustPem : trustStore != null ? "KeyStore" : "JDK default")
                + ", clientCertificate=" + (clientCertificate != null ? clientCertificate : "none")
                + ", protocols=" + protocols + ", hostnameVerification=" + hostnameVerification + "]";
    }

    /** Builds {@link Tls} options. */
    public static final class Builder {
        private Path trustPem;
        private KeyStore trustStore;
        private Path clientCertificate;
        private Path clientKey;
        private List<String> protocols = List.of("TLSv1.3", "TLSv1.2");
        private List<String> ciphers = List.of();
        private boolean hostnameVerification = true;
        private String serverName;

        private Builder() {}

        /**
         * Trust the CA certificates in this PEM file (instead of the JDK's trust store).
         *
         * @param pem a PEM file of CA certificates
         * @return this builder
         */
        public Builder trustPem(Path pem) {
            this.trustPem = Objects.requireNonNull(pem, "pem");
            this.trustStore = null;
            return this;
        }

        /**
         * Trust the certificates of this key store (instead of the JDK's trust store).
         *
         * @param store a loaded key store of trusted certificates
         * @return this builder
         */
        public Builder trustStore(KeyStore store) {
            this.trustStore = Objects.requireNonNull(store, "store");
            this.trustPem = null;
            return this;
        }

        /**
         * Present this certificate chain and private key for mutual TLS: both PEM, the key unencrypted PKCS#8
         * ({@code -----BEGIN PRIVATE KEY-----}).
         *
         * @param certificateChainPem the client certificate, then its intermediates, in PEM
         * @param privateKeyPem the unencrypted PKCS#8 private key of the certificate, in PEM
         * @return this builder
         */
        public Builder clientCertificate(Path certificateChainPem, Path privateKeyPem) {
            this.clientCertificate = Objects.requireNonNull(certificateChainPem, "certificateChainPem");
            this.clientKey = Objects.requireNonNull(privateKeyPem, "privateKeyPem");
            return this;
        }

        /**
         * Allowed protocol versions, for example {@code "TLSv1.3"}; default TLS 1.3 and 1.2. A version the JVM
         * disables (TLS 1.1 and older, by default) fails the client's {@code build()}.
         *
         * @param versions JSSE protocol names, at least one
         * @return this builder
         */
        public Builder protocols(String... versions) {
            if (versions.length == 0) {
                throw new IllegalArgumentException("at least one TLS protocol version is needed");
            }
            this.protocols = List.of(versions);
            return this;
        }

        /**
         * Allowed cipher suites; default: the JDK's.
         *
         * @param suites JSSE cipher suite names; none means the JDK's
         * @return this builder
         */
        public Builder ciphers(String... suites) {
            this.ciphers = List.of(suites);
            return this;
        }

        /**
         * Whether the certificate must match the host name; default true. Turning it off allows impersonation.
         *
         * @param verify whether to check the certificate against the host name
         * @return this builder
         */
        public Builder hostnameVerification(boolean verify) {
            this.hostnameVerification = verify;
            return this;
        }

        /**
         * The name to send as SNI and to verify the certificate against, instead of the configured host.
         *
         * @param name the host name to send and verify
         * @return this builder
         */
        public Builder serverName(String name) {
            this.serverName = Objects.requireNonNull(name, "name");
            return this;
        }

        /** @return the options; files are checked when the client is built */
        public Tls build() {
            return new Tls(this);
        }
    }
}
