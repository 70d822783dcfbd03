package io.memcached2.spring.boot;

import io.memcached2.Memcache;
import io.memcached2.MemcacheBuilder;
import io.memcached2.Selectors;
import io.memcached2.Tls;
import io.memcached2.Transcoders;
import io.memcached2.routing.Selector;
import java.util.List;

/** Turns {@link Memcached2Properties} into a client builder. */
final class ClientFactory {
    private ClientFactory() {}

    static MemcacheBuilder<byte[]> builder(Memcached2Properties p, List<MemcacheBuilderCustomizer> customizers) {
        MemcacheBuilder<byte[]> b = Memcache.builder(Transcoders.bytes())
                .servers(p.getServers())
                .protocol(p.getProtocol())
                .selector(selector(p))
                .operationTimeout(p.getOperationTimeout())
                .connectTimeout(p.getConnectTimeout())
                .closeTimeout(p.getCloseTimeout())
                .connectionsPerServer(p.getConnectionsPerServer())
                .requireAuthentication(p.isRequireAuthentication());
        if (p.getKeepAlive() != null) {
            b.keepAlive(p.getKeepAlive());
        }
        if (p.getUsername() != null || p.getPassword() != null) {
            if (p.getUsername() == null || p.getPassword() == null) {
                throw new IllegalStateException("memcached2.username and memcached2.password go together: set both");
            }
            b.credentials(p.getUsername(), p.getPassword().toCharArray());
        }
        if (p.getTls().isConfigured()) {
            b.tls(tls(p.getTls()));
        }
        customizers.forEach(c -> c.customize(b));
        return b;
    }

    private static Selector selector(Memcached2Properties p) {
        switch (p.getSelector()) {
            case RENDEZVOUS:
                return Selectors.rendezvous();
            case PYTHON_MEMCACHED:
                return Selectors.pythonMemcached();
            case FIRST:
                return Selectors.first();
            default:
                return Selectors.ketama(p.getKetamaFlavor());
        }
    }

    private static Tls tls(Memcached2Properties.Tls t) {
        Tls.Builder b = Tls.builder().hostnameVerification(t.isHostnameVerification());
        if (t.getTrustPem() != null) {
            b.trustPem(t.getTrustPem());
        }
        if (t.getClientCertificate() != null || t.getClientKey() != null) {
            if (t.getClientCertificate() == null || t.getClientKey() == null) {
                throw new IllegalStateException(
                        "memcached2.tls.client-certificate and memcached2.tls.client-key go" + " together: set both");
            }
            b.clientCertificate(t.getClientCertificate(), t.getClientKey());
        }
        if (t.getServerName() != null) {
            b.serverName(t.getServerName());
        }
        if (!t.getProtocols().isEmpty()) {
            b.protocols(t.getProtocols().toArray(new String[0]));
        }
        return b.build();
    }
}
