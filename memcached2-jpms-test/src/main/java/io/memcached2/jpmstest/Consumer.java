package io.memcached2.jpmstest;

import io.memcached2.Memcache;
import io.memcached2.Selectors;
import io.memcached2.Store;
import io.memcached2.Transcoders;
import io.memcached2.routing.Selector;
import io.memcached2.transcode.Transcoder;
import java.time.Duration;

/** Uses one type from each exported package of io.memcached2, as an application on the module path would. */
public final class Consumer {
    private Consumer() {}

    /**
     * Stores a value and reads it back through a new client.
     *
     * @param server the server's URI, such as {@code memcached://127.0.0.1:11211/}
     * @param key the key to store under
     * @param value the value to store
     * @return the value read back
     */
    public static String setThenGet(String server, String key, String value) {
        Selector selector = Selectors.ketama();
        Transcoder<String> strings = Transcoders.strings();
        try (Memcache<String> mc = Memcache.builder(strings)
                .servers(server)
                .selector(selector)
                .operationTimeout(Duration.ofSeconds(10))
                .build()) {
            mc.set(key, value, Store.ttl(Duration.ofMinutes(5)));
            return mc.get(key);
        }
    }
}
