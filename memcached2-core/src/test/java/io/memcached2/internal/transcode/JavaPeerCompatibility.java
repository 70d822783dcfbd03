package io.memcached2.internal.transcode;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcached2.Transcoders;
import io.memcached2.testkit.MemcachedServer;
import io.memcached2.transcode.Compression;
import io.memcached2.transcode.Encoded;
import io.memcached2.transcode.SerialAllowList;
import io.memcached2.transcode.Transcoder;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Date;
import java.util.List;

/**
 * Round trips between our spymemcached-format transcoder and a real Java peer client on a real server: the peer
 * writes and we read the raw item, and we write the raw item and the peer reads it.
 */
final class JavaPeerCompatibility {
    record Item(String name, long count) implements Serializable {}

    /** One value of every type the format knows, and two large enough for the peers to compress. */
    static final List<Object> VALUES = List.of(
            "plain",
            "",
            "ünïcødé ✓",
            "compress me ".repeat(3000),
            true,
            false,
            0,
            -1,
            Integer.MIN_VALUE,
            0L,
            Long.MAX_VALUE,
            -2L,
            new Date(1_700_000_000_123L),
            (byte) -5,
            1.5f,
            Float.NaN,
            -2.25d,
            new byte[] {0, 1, (byte) 0xff},
            zeros(50_000),
            new Item("widget", 3));

    static final Transcoder<Object> OURS =
            Transcoders.spymemcached(SerialAllowList.ofClasses(Item.class), Compression.defaults());

    /** The operations of a peer client under test. */
    interface Peer {
        void set(String key, Object value) throws Exception;

        Object get(String key) throws Exception;
    }

    private JavaPeerCompatibility() {}

    static void weReadWhatThePeerWrites(MemcachedServer server, Peer peer) throws Exception {
        int compressed = 0;
        try (RawMemcached raw = new RawMemcached(server.host(), server.port())) {
            for (int i = 0; i < VALUES.size(); i++) {
                peer.set("k" + i, VALUES.get(i));
                Encoded item = raw.get("k" + i);
                assertThat(OURS.decode(item.flags(), item.data()))
                        .as("value %s", i)
                        .isEqualTo(VALUES.get(i));
                assertThat(item).as("value %s", i).usingRecursiveComparison().isEqualTo(OURS.encode(VALUES.get(i)));
                compressed += (item.flags() & SpymemcachedTranscoder.FLAG_COMPRESSED) != 0 ? 1 : 0;
            }
        }
        assertThat(compressed).as("values the peer stored compressed").isEqualTo(2);
    }

    static void thePeerReadsWhatWeWrite(MemcachedServer server, Peer peer) throws Exception {
        try (RawMemcached raw = new RawMemcached(server.host(), server.port())) {
            for (int i = 0; i < VALUES.size(); i++) {
                raw.set("k" + i, OURS.encode(VALUES.get(i)));
                assertThat(peer.get("k" + i)).as("value %s", i).isEqualTo(VALUES.get(i));
            }
        }
    }

    private static byte[] zeros(int length) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) 'z');
        return bytes;
    }
}
