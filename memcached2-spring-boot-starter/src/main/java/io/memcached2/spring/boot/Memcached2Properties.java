package io.memcached2.spring.boot;

import io.memcached2.Protocol;
import io.memcached2.routing.KetamaFlavor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Settings of the memcached2 client and cache, under {@code memcached2.*}. */
@ConfigurationProperties(prefix = "memcached2")
public class Memcached2Properties {
    /** Server URIs: memcached://host[:port]/[?weight=N&name=S], memcached+tls://host[:port]/, memcached+unix:///path or host:port. */
    private List<String> servers = new ArrayList<>(List.of("memcached://127.0.0.1:11211/"));

    /** Wire protocol: AUTO probes each connection (meta when the server speaks it, else text), META or TEXT. */
    private Protocol protocol = Protocol.AUTO;

    /** Key placement over several servers. */
    private Selector selector = Selector.KETAMA;

    /** Which client's ketama ring to match when the selector is KETAMA. */
    private KetamaFlavor ketamaFlavor = KetamaFlavor.LIBMEMCACHED_WEIGHTED;

    /** How long a request may wait for its reply. */
    private Duration operationTimeout = Duration.ofSeconds(1);

    /** How long a new connection may take to be ready (TCP, TLS, probe, authentication). */
    private Duration connectTimeout = Duration.ofSeconds(2);

    /** How long closing the client lets requests in flight finish. */
    private Duration closeTimeout = Duration.ofSeconds(2);

    /** Ping connections idle this long; unset for off. */
    private Duration keepAlive;

    /** Connections per server (1 to 64). */
    private int connectionsPerServer = 1;

    /** User name for memcached's ASCII authentication (memcached -Y). */
    private String username;

    /** Password for memcached's ASCII authentication. */
    private String password;

    /** Whether a server that does not ask for the configured credentials is an error (true) or only a warning. */
    private boolean requireAuthentication = true;

    private final Tls tls = new Tls();

    private final Cache cache = new Cache();

    /** Key placement strategies. */
    public enum Selector {
        /** Consistent hashing as libmemcached, spymemcached, xmemcached or twemproxy do (see ketama-flavor). */
        KETAMA,
        /** Rendezvous (highest random weight) hashing. */
        RENDEZVOUS,
        /** python-memcached's weighted buckets. */
        PYTHON_MEMCACHED,
        /** Every key on the first server. */
        FIRST
    }

    /** Which serializer the cache uses. */
    public enum Serializer {
        /** Jackson 3 JSON when it is on the class path, otherwise allow-listed Java serialization. */
        AUTO,
        /** Jackson 3 JSON, with the allow-list checked for every class named in the JSON. */
        JACKSON,
        /** Java serialization behind the allow-list. */
        JAVA
    }

    /** TLS options for memcached+tls:// servers. */
    public static class Tls {
        /** PEM file of CA certificates to trust instead of the JDK's trust store. */
        private Path trustPem;

        /** Client certificate chain (PEM) for mutual TLS. */
        private Path clientCertificate;

        /** Client private key (unencrypted PKCS#8 PEM) for mutual TLS. */
        private Path clientKey;

        /** Whether the server certificate must match the host name. */
        private boolean hostnameVerification = true;

        /** SNI name to send and verify instead of the configured host. */
        private String serverName;

        /** Allowed protocol versions, for example TLSv1.3; empty for TLS 1.3 and 1.2. */
        private List<String> protocols = new ArrayList<>();

        /** @return {@code memcached2.tls.trust-pem} */
        public Path getTrustPem() {
            return trustPem;
        }

        /** @param trustPem {@code memcached2.tls.trust-pem} */
        public void setTrustPem(Path trustPem) {
            this.trustPem = trustPem;
        }

        /** @return {@code memcached2.tls.client-certificate} */
        public Path getClientCertificate() {
            return clientCertificate;
        }

        /** @param clientCertificate {@code memcached2.tls.client-certificate} */
        public void setClientCertificate(Path clientCertificate) {
            this.clientCertificate = clientCertificate;
        }

        /** @return {@code memcached2.tls.client-key} */
        public Path getClientKey() {
            return clientKey;
        }

        /** @param clientKey {@code memcached2.tls.client-key} */
        public void setClientKey(Path clientKey) {
            this.clientKey = clientKey;
        }

        /** @return {@code memcached2.tls.hostname-verification} */
        public boolean isHostnameVerification() {
            return hostnameVerification;
        }

        /** @param hostnameVerification {@code memcached2.tls.hostname-verification} */
        public void setHostnameVerification(boolean hostnameVerification) {
            this.hostnameVerification = hostnameVerification;
        }

        /** @return {@code memcached2.tls.server-name} */
        public String getServerName() {
            return serverName;
        }

        /** @param serverName {@code memcached2.tls.server-name} */
        public void setServerName(String serverName) {
            this.serverName = serverName;
        }

        /** @return {@code memcached2.tls.protocols} */
        public List<String> getProtocols() {
            return protocols;
        }

        /** @param protocols {@code memcached2.tls.protocols} */
        public void setProtocols(List<String> protocols) {
            this.protocols = protocols;
        }

        /** @return whether any option differs from the core's defaults */
        boolean isConfigured() {
            return trustPem != null
                    || clientCertificate != null
                    || clientKey != null
                    || !hostnameVerification
                    || serverName != null
                    || !protocols.isEmpty();
        }
    }

    /** The Spring cache over memcached. */
    public static class Cache {
        /** Whether to auto-configure the memcached2 CacheManager (when caching is enabled and no CacheManager is defined). */
        private boolean enabled = true;

        /** Whether cache failures are logged, counted and treated as misses instead of failing the call. */
        private boolean tolerant;

        /** Time to live of entries; 0 for no expiry (memcached's LRU still evicts). */
        private Duration defaultTtl = Duration.ZERO;

        /** Time to live per cache name, overriding default-ttl. */
        private Map<String, Duration> ttls = new LinkedHashMap<>();

        /** Put before every key, so applications sharing a server keep apart. */
        private String keyPrefix = "";

        /** Caches made at start; others are made when first asked for unless dynamic is false. */
        private List<String> cacheNames = new ArrayList<>();

        /** Whether caches not named in cache-names are made on first use. */
        private boolean dynamic = true;

        /** Whether null values are cached (as a marker). */
        private boolean allowNullValues = true;

        /** How long this process trusts its copy of a cache's generation: a clear() elsewhere is seen within it; 0 reads it on every operation. */
        private Duration generationRefresh = Duration.ofSeconds(1);

        /** Serializer of cached values. */
        private Serializer serializer = Serializer.AUTO;

        /** Classes the serializer may instantiate (com.example.Order, com.example.*, com.example.**); default: the application's packages. */
        private List<String> allowedClasses = new ArrayList<>();

        /** @return {@code memcached2.cache.enabled} */
        public boolean isEnabled() {
            return enabled;
        }

        /** @param enabled {@code memcached2.cache.enabled} */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /** @return {@code memcached2.cache.tolerant} */
        public boolean isTolerant() {
            return tolerant;
        }

        /** @param tolerant {@code memcached2.cache.tolerant} */
        public void setTolerant(boolean tolerant) {
            this.tolerant = tolerant;
        }

        /** @return {@code memcached2.cache.default-ttl} */
        public Duration getDefaultTtl() {
            return defaultTtl;
        }

        /** @param defaultTtl {@code memcached2.cache.default-ttl} */
        public void setDefaultTtl(Duration defaultTtl) {
            this.defaultTtl = defaultTtl;
        }

        /** @return {@code memcached2.cache.ttls} */
        public Map<String, Duration> getTtls() {
            return ttls;
        }

        /** @param ttls {@code memcached2.cache.ttls} */
        public void setTtls(Map<String, Duration> ttls) {
            this.ttls = ttls;
        }

        /** @return {@code memcached2.cache.key-prefix} */
        public String getKeyPrefix() {
            return keyPrefix;
        }

        /** @param keyPrefix {@code memcached2.cache.key-prefix} */
        public void setKeyPrefix(String keyPrefix) {
            this.keyPrefix = keyPrefix;
        }

        /** @return {@code memcached2.cache.cache-names} */
        public List<String> getCacheNames() {
            return cacheNames;
        }

        /** @param cacheNames {@code memcached2.cache.cache-names} */
        public void setCacheNames(List<String> cacheNames) {
            this.cacheNames = cacheNames;
        }

        /** @return {@code memcached2.cache.dynamic} */
        public boolean isDynamic() {
            return dynamic;
        }

        /** @param dynamic {@code memcached2.cache.dynamic} */
        public void setDynamic(boolean dynamic) {
            this.dynamic = dynamic;
        }

        /** @return {@code memcached2.cache.allow-null-values} */
        public boolean isAllowNullValues() {
            return allowNullValues;
        }

        /** @param allowNullValues {@code memcached2.cache.allow-null-values} */
        public void setAllowNullValues(boolean allowNullValues) {
            this.allowNullValues = allowNullValues;
        }

        /** @return {@code memcached2.cache.generation-refresh} */
        public Duration getGenerationRefresh() {
            return generationRefresh;
        }

        /** @param generationRefresh {@code memcached2.cache.generation-refresh} */
        public void setGenerationRefresh(Duration generationRefresh) {
            this.generationRefresh = generationRefresh;
        }

        /** @return {@code memcached2.cache.serializer} */
        public Serializer getSerializer() {
            return serializer;
        }

        /** @param serializer {@code memcached2.cache.serializer} */
        public void setSerializer(Serializer serializer) {
            this.serializer = serializer;
        }

        /** @return {@code memcached2.cache.allowed-classes} */
        public List<String> getAllowedClasses() {
            return allowedClasses;
        }

        /** @param allowedClasses {@code memcached2.cache.allowed-classes} */
        public void setAllowedClasses(List<String> allowedClasses) {
            this.allowedClasses = allowedClasses;
        }
    }

    /** @return {@code memcached2.servers} */
    public List<String> getServers() {
        return servers;
    }

    /** @param servers {@code memcached2.servers} */
    public void setServers(List<String> servers) {
        this.servers = servers;
    }

    /** @return {@code memcached2.protocol} */
    public Protocol getProtocol() {
        return protocol;
    }

    /** @param protocol {@code memcached2.protocol} */
    public void setProtocol(Protocol protocol) {
        this.protocol = protocol;
    }

    /** @return {@code memcached2.selector} */
    public Selector getSelector() {
        return selector;
    }

    /** @param selector {@code memcached2.selector} */
    public void setSelector(Selector selector) {
        this.selector = selector;
    }

    /** @return {@code memcached2.ketama-flavor} */
    public KetamaFlavor getKetamaFlavor() {
        return ketamaFlavor;
    }

    /** @param ketamaFlavor {@code memcached2.ketama-flavor} */
    public void setKetamaFlavor(KetamaFlavor ketamaFlavor) {
        this.ketamaFlavor = ketamaFlavor;
    }

    /** @return {@code memcached2.operation-timeout} */
    public Duration getOperationTimeout() {
        return operationTimeout;
    }

    /** @param operationTimeout {@code memcached2.operation-timeout} */
    public void setOperationTimeout(Duration operationTimeout) {
        this.operationTimeout = operationTimeout;
    }

    /** @return {@code memcached2.connect-timeout} */
    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    /** @param connectTimeout {@code memcached2.connect-timeout} */
    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    /** @return {@code memcached2.close-timeout} */
    public Duration getCloseTimeout() {
        return closeTimeout;
    }

    /** @param closeTimeout {@code memcached2.close-timeout} */
    public void setCloseTimeout(Duration closeTimeout) {
        this.closeTimeout = closeTimeout;
    }

    /** @return {@code memcached2.keep-alive} */
    public Duration getKeepAlive() {
        return keepAlive;
    }

    /** @param keepAlive {@code memcached2.keep-alive} */
    public void setKeepAlive(Duration keepAlive) {
        this.keepAlive = keepAlive;
    }

    /** @return {@code memcached2.connections-per-server} */
    public int getConnectionsPerServer() {
        return connectionsPerServer;
    }

    /** @param connectionsPerServer {@code memcached2.connections-per-server} */
    public void setConnectionsPerServer(int connectionsPerServer) {
        this.connectionsPerServer = connectionsPerServer;
    }

    /** @return {@code memcached2.username} */
    public String getUsername() {
        return username;
    }

    /** @param username {@code memcached2.username} */
    public void setUsername(String username) {
        this.username = username;
    }

    /** @return {@code memcached2.password} */
    public String getPassword() {
        return password;
    }

    /** @param password {@code memcached2.password} */
    public void setPassword(String password) {
        this.password = password;
    }

    /** @return {@code memcached2.require-authentication} */
    public boolean isRequireAuthentication() {
        return requireAuthentication;
    }

    /** @param requireAuthentication {@code memcached2.require-authentication} */
    public void setRequireAuthentication(boolean requireAuthentication) {
        this.requireAuthentication = requireAuthentication;
    }

    /** @return the {@code memcached2.tls.*} settings */
    public Tls getTls() {
        return tls;
    }

    /** @return the {@code memcached2.cache.*} settings */
    public Cache getCache() {
        return cache;
    }
}
