package io.memcached2.internal.transcode;

import io.memcached2.testkit.MemcachedExtension;
import io.memcached2.testkit.MemcachedServer;
import net.rubyeye.xmemcached.MemcachedClient;
import net.rubyeye.xmemcached.XMemcachedClientBuilder;
import net.rubyeye.xmemcached.utils.AddrUtil;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Our spymemcached format against the real xmemcached 2.4.8 client and its default transcoder. */
@ExtendWith(MemcachedExtension.class)
class XmemcachedCompatibilityTest {
    @Test
    void weReadWhatXmemcachedWrites(MemcachedServer server) throws Exception {
        withClient(server, client -> JavaPeerCompatibility.weReadWhatThePeerWrites(server, client));
    }

    @Test
    void xmemcachedReadsWhatWeWrite(MemcachedServer server) throws Exception {
        withClient(server, client -> JavaPeerCompatibility.thePeerReadsWhatWeWrite(server, client));
    }

    private interface Body {
        void run(JavaPeerCompatibility.Peer peer) throws Exception;
    }

    private static void withClient(MemcachedServer server, Body body) throws Exception {
        MemcachedClient client =
                new XMemcachedClientBuilder(AddrUtil.getAddresses(server.host() + ":" + server.port())).build();
        try {
            body.run(new JavaPeerCompatibility.Peer() {
                @Override
                public void set(String key, Object value) throws Exception {
                    Assertions.assertThat(client.set(key, 0, value))
                            .as("stored")
                            .isTrue();
                }

                @Override
                public Object get(String key) throws Exception {
                    return client.get(key);
                }
            });
        } finally {
            client.shutdown();
        }
    }
}
