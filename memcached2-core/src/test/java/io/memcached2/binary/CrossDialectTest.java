package io.memcached2.binary;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcached2.Item;
import io.memcached2.Memcache;
import io.memcached2.Protocol;
import io.memcached2.Store;
import io.memcached2.Transcoders;
import io.memcached2.testkit.MemcachedExtension;
import io.memcached2.testkit.MemcachedServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What one protocol stores, the others read identically: the same bytes, client flags and CAS unique, the same
 * item for a key with spaces (raw in binary, base64 in meta), the same number for a counter.
 */
@ExtendWith(MemcachedExtension.class)
class CrossDialectTest {
    private static final byte[] BYTES = {0, 1, '\r', '\n', (byte) 0x80, (byte) 0x81, (byte) 0xff, 'E', 'N', 'D'};

    private static Memcache<byte[]> raw(Protocol protocol, MemcachedServer server) {
        return Memcache.builder(Transcoders.bytes())
                .servers(server.uri())
                .protocol(protocol)
                .operationTimeout(Duration.ofSeconds(5))
                .build();
    }

    private static Memcache<Object> objects(Protocol protocol, MemcachedServer server) {
        return Memcache.builder(Transcoders.spymemcached())
                .servers(server.uri())
                .protocol(protocol)
                .operationTimeout(Duration.ofSeconds(5))
                .build();
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"META", "TEXT"})
    void binaryAndTheOthersReadEachOthersItems(Protocol other, MemcachedServer server) {
        try (Memcache<byte[]> binary = raw(Protocol.BINARY, server);
                Memcache<byte[]> them = raw(other, server)) {
            for (int flags : new int[] {0, 1, 0x7fffffff, 0x80000000, -1}) {
                Store withFlags = Store.DEFAULT.flags(flags);
                binary.set("from-binary", BYTES, withFlags);
                them.set("from-" + other, BYTES, withFlags);
                for (String key : List.of("from-binary", "from-" + other)) {
                    Item<byte[]> viaBinary = binary.gets(key);
                    Item<byte[]> viaOther = them.gets(key);
                    assertThat(viaBinary.value()).isEqualTo(BYTES);
                    assertThat(viaOther.value()).isEqualTo(BYTES);
                    assertThat(viaBinary.flags())
                            .as("flags of %s", key)
                            .isEqualTo(flags)
                            .isEqualTo(viaOther.flags());
                    assertThat(viaBinary.cas()).isEqualTo(viaOther.cas());
                }
            }
            assertThat(binary.getMulti(List.of("from-binary", "from-" + other)))
                    .containsOnlyKeys("from-binary", "from-" + other);
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"META", "TEXT"})
    void countersAndCasAcrossProtocols(Protocol other, MemcachedServer server) {
        try (Memcache<byte[]> binary = raw(Protocol.BINARY, server);
                Memcache<byte[]> them = raw(other, server)) {
            assertThat(binary.incr("counter", 1, 41, Duration.ZERO)).isEqualTo(41);
            assertThat(them.incr("counter", 1)).isEqualTo(42);
            assertThat(binary.decr("counter", 2)).isEqualTo(40);
            assertThat(new String(them.get("counter"))).isEqualTo("40");
            Item<byte[]> item = them.gets("counter");
            binary.cas("counter", "x".getBytes(), item.cas());
            assertThat(new String(them.get("counter"))).isEqualTo("x");
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"META", "TEXT"})
    void transcodedValuesKeepTheirTypeFlags(Protocol other, MemcachedServer server) {
        try (Memcache<Object> binary = objects(Protocol.BINARY, server);
                Memcache<Object> them = objects(other, server)) {
            binary.set("long", Long.MIN_VALUE);
            assertThat(them.get("long")).isEqualTo(Long.MIN_VALUE);
            binary.set("bool", true);
            assertThat(them.get("bool")).isEqualTo(true);
            them.set("text", "caf\u00e9");
            assertThat(binary.get("text")).isEqualTo("caf\u00e9");
            them.set("number", 12345L);
            assertThat(binary.get("number")).isEqualTo(12345L);
        }
    }

    @org.junit.jupiter.api.Test
    void aKeyWithSpacesIsTheSameItemInBinaryAndMeta(MemcachedServer server) {
        try (Memcache<byte[]> binary = raw(Protocol.BINARY, server);
                Memcache<byte[]> meta = raw(Protocol.META, server)) {
            String key = "a key\twith\u0001controls";
            binary.set(key, BYTES);
            assertThat(meta.get(key)).isEqualTo(BYTES);
            meta.set(key, "meta".getBytes());
            assertThat(binary.get(key)).isEqualTo("meta".getBytes());
            assertThat(binary.getMulti(List.of(key, "other"))).containsOnlyKeys(key);
        }
    }
}
