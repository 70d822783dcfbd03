package io.memcached2.internal.transcode;

import io.memcached2.testkit.MemcachedExtension;
import io.memcached2.testkit.MemcachedServer;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import net.spy.memcached.MemcachedClient;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Our spymemcached format against the real spymemcached 2.12.3 client and its default transcoder. */
@ExtendWith(MemcachedExtension.class)
class SpymemcachedCompatibilityTest {
    @Test
    void weReadWhatSpymemcachedWrites(MemcachedServer server) throws Exception {
        withClient(server, client -> JavaPeerCompatibility.weReadWhatThePeerWrites(server, client));
    }

    @Test
    void spymemcachedReadsWhatWeWrite(MemcachedServer server) throws Exception {
        withClient(server, client -> JavaPeerCompatibility.thePeerReadsWhatWeWrite(server, client));
    }

    private interface Body {
        void run(JavaPeerCompatibility.Peer peer) throws Exception;
    }

    private static void withClient(MemcachedServer server, Body body) throws Exception {
        MemcachedClient client = new MemcachedClient(new InetSocketAddress(server.host(), server.port()));
        try {
            body.run(new JavaPeerCompatibility.Peer() {
                @Override
                public void set(String key, Object value) throws Exception {
                    Assertions.assertThat(client.set(key, 0, value).get(5, TimeUnit.SECONDS))
                            .as("stored")
                            .isTrue();
                }

                @Override
                public Object get(String key) {
                    return client.get(key);
                }
            });
        } finally {
            client.shutdown(5, TimeUnit.SECONDS);
        }
    }
}
