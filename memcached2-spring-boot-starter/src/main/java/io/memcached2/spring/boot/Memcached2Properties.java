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

        public Path getTrustPem() {
            return trustPem;
        }

        public void setTrustPem(Path trustPem) {
            this.trustPem = trustPem;
        }

        public Path getClientCertificate() {
            return clientCertificate;
        }

        public void setClientCertificate(Path clientCertificate) {
            this.clientCertificate = clientCertificate;
        }

        public Path getClientKey() {
            return clientKey;
        }

        public void setClientKey(Path clientKey) {
            this.clientKey = clientKey;
        }

        public boolean isHostnameVerification() {
            return hostnameVerification;
        }

        public void setHostnameVerification(boolean hostnameVerification) {
            this.hostnameVerification = hostnameVerification;
        }

        public String getServerName() {
            return serverName;
        }

        public void setServerName(String serverName) {
            this.serverName = serverName;
        }

        public List<String> getProtocols() {
            return protocols;
        }

        public void setProtocols(List<String> protocols) {
            this.protocols = protocols;
        }

        /** @return whether any option differs from the core's defaults */
        boolean isConfigured() {
            return trustPem != null || clientCertificate != null || clientKey != null || !hostnameVerification
                    || serverName != null || !protocols.isEmpty();
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

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public boolean isTolerant() {
            return tolerant;
        }

        public void setTolerant(boolean tolerant) {
            this.tolerant = tolerant;
        }

        public Duration getDefaultTtl() {
            return defaultTtl;
        }

        public void setDefaultTtl(Duration defaultTtl) {
            this.defaultTtl = defaultTtl;
        }

        public Map<String, Duration> getTtls() {
            return ttls;
        }

        public void setTtls(Map<String, Duration> ttls) {
            this.ttls = ttls;
        }

        public String getKeyPrefix() {
            return keyPrefix;
        }

        public void setKeyPrefix(String keyPrefix) {
            this.keyPrefix = keyPrefix;
        }

        public List<String> getCacheNames() {
            return cacheNames;
        }

        public void setCacheNames(List<String> cacheNames) {
            this.cacheNames = cacheNames;
        }

        public boolean isDynamic() {
            return dynamic;
        }

        public void setDynamic(boolean dynamic) {
            this.dynamic = dynamic;
        }

        public boolean isAllowNullValues() {
            return allowNullValues;
        }

        public void setAllowNullValues(boolean allowNullValues) {
            this.allowNullValues = allowNullValues;
        }

        public Duration getGenerationRefresh() {
            return generationRefresh;
        }

        public void setGenerationRefresh(Duration generationRefresh) {
            this.generationRefresh = generationRefresh;
        }

        public Serializer getSerializer() {
            return serializer;
        }

        public void setSerializer(Serializer serializer) {
            this.serializer = serializer;
        }

        public List<String> getAllowedClasses() {
            return allowedClasses;
        }

        public void setAllowedClasses(List<String> allowedClasses) {
            this.allowedClasses = allowedClasses;
        }
    }

    public List<String> getServers() {
        return servers;
    }

    public void setServers(List<String> servers) {
        this.servers = servers;
    }

    public Protocol getProtocol() {
        return protocol;
    }

    public void setProtocol(Protocol protocol) {
        this.protocol = protocol;
    }

    public Selector getSelector() {
        return selector;
    }

    public void setSelector(Selector selector) {
        this.selector = selector;
    }

    public KetamaFlavor getKetamaFlavor() {
        return ketamaFlavor;
    }

    public void setKetamaFlavor(KetamaFlavor ketamaFlavor) {
        this.ketamaFlavor = ketamaFlavor;
    }

    public Duration getOperationTimeout() {
        return operationTimeout;
    }

    public void setOperationTimeout(Duration operationTimeout) {
        this.operationTimeout = operationTimeout;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Duration getCloseTimeout() {
        return closeTimeout;
    }

    public void setCloseTimeout(Duration closeTimeout) {
        this.closeTimeout = closeTimeout;
    }

    public Duration getKeepAlive() {
        return keepAlive;
    }

    public void setKeepAlive(Duration keepAlive) {
        this.keepAlive = keepAlive;
    }

    public int getConnectionsPerServer() {
        return connectionsPerServer;
    }

    public void setConnectionsPerServer(int connectionsPerServer) {
        this.connectionsPerServer = connectionsPerServer;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public boolean isRequireAuthentication() {
        return requireAuthentication;
    }

    public void setRequireAuthentication(boolean requireAuthentication) {
        this.requireAuthentication = requireAuthentication;
    }

    public Tls getTls() {
        return tls;
    }

    public Cache getCache() {
        return cache;
    }
}
