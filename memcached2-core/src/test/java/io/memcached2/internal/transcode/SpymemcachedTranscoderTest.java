package io.memcached2.internal.transcode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memcached2.Transcoders;
import io.memcached2.transcode.ClassNotAllowed;
import io.memcached2.transcode.Compression;
import io.memcached2.transcode.Encoded;
import io.memcached2.transcode.InflateLimitExceeded;
import io.memcached2.transcode.SerialAllowList;
import io.memcached2.transcode.Transcoder;
import io.memcached2.transcode.UndecodableValue;
import java.io.Serializable;
import java.util.Date;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Our encoding against the peers' own transcoders, in process: flags and bytes must be identical, and each side must
 * read the other's. The peers compress strictly above their threshold, ours from it on, hence the one-off.
 */
class SpymemcachedTranscoderTest {
    record Item(String name, long count) implements Serializable {}

    private static final int THRESHOLD = 2000;
    private static final SerialAllowList ITEMS = SerialAllowList.of(Item.class.getName(), "java.lang.Record");
    private static final Transcoder<Object> OURS =
            Transcoders.spymemcached(ITEMS, Compression.defaults().withThreshold(THRESHOLD));

    @Provide
    Arbitrary<Object> values() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(3000).map(s -> s),
                Arbitraries.strings()
                        .withChars("ab")
                        .ofMinLength(THRESHOLD - 2)
                        .ofMaxLength(THRESHOLD + 2)
                        .map(s -> s),
                Arbitraries.longs().map(n -> n),
                Arbitraries.integers().map(n -> n),
                Arbitraries.of(true, false).map(b -> b),
                Arbitraries.longs().map(Date::new),
                Arbitraries.bytes().map(b -> b),
                Arbitraries.floats().map(f -> f),
                Arbitraries.doubles().map(d -> d),
                Arbitraries.of(Float.NaN, Double.NEGATIVE_INFINITY, 0L, 0, (byte) 0, -0.0d)
                        .map(x -> x),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(3000).map(b -> b),
                Arbitraries.strings().ofMaxLength(50).map(s -> new Item(s, s.length())));
    }

    @Property(tries = 300)
    void encodesExactlyAsSpymemcached(@ForAll("values") Object value) {
        net.spy.memcached.transcoders.SerializingTranscoder spy =
                new net.spy.memcached.transcoders.SerializingTranscoder();
        spy.setCompressionThreshold(THRESHOLD - 1);

        Encoded ours = OURS.encode(value);
        net.spy.memcached.CachedData theirs = spy.encode(value);

        assertThat(ours.flags()).isEqualTo(theirs.getFlags());
        assertThat(ours.data()).isEqualTo(theirs.getData());
        assertThat(spy.decode(new net.spy.memcached.CachedData(ours.flags(), ours.data(), Integer.MAX_VALUE)))
                .isEqualTo(value);
        assertThat(OURS.decode(theirs.getFlags(), theirs.getData())).isEqualTo(value);
    }

    @Property(tries = 300)
    void encodesExactlyAsXmemcached(@ForAll("values") Object value) {
        net.rubyeye.xmemcached.transcoders.SerializingTranscoder xmc =
                new net.rubyeye.xmemcached.transcoders.SerializingTranscoder();
        xmc.setCompressionThreshold(THRESHOLD - 1);

        Encoded ours = OURS.encode(value);
        net.rubyeye.xmemcached.transcoders.CachedData theirs = xmc.encode(value);

        assertThat(ours.flags()).isEqualTo(theirs.getFlag());
        assertThat(ours.data()).isEqualTo(theirs.getData());
        assertThat(xmc.decode(new net.rubyeye.xmemcached.transcoders.CachedData(ours.flags(), ours.data())))
                .isEqualTo(value);
        assertThat(OURS.decode(theirs.getFlag(), theirs.getData())).isEqualTo(value);
    }

    @Test
    void readsXmemcachedZipMode() {
        net.rubyeye.xmemcached.transcoders.SerializingTranscoder xmc =
                new net.rubyeye.xmemcached.transcoders.SerializingTranscoder();
        xmc.setCompressionMode(net.rubyeye.xmemcached.transcoders.CompressionMode.ZIP);
        String text = "zip ".repeat(10_000);

        net.rubyeye.xmemcached.transcoders.CachedData theirs = xmc.encode(text);

        assertThat(theirs.getFlag()).isEqualTo(SpymemcachedTranscoder.FLAG_COMPRESSED);
        assertThat(OURS.decode(theirs.getFlag(), theirs.getData())).isEqualTo(text);
    }

    @Test
    void thresholdIsConfigurableWithoutSerialization() {
        Transcoder<Object> eager =
                Transcoders.spymemcached(Compression.defaults().withThreshold(100));

        assertThat(eager.encode("a".repeat(100)).flags()).isEqualTo(SpymemcachedTranscoder.FLAG_COMPRESSED);
        assertThat(eager.encode("a".repeat(99)).flags()).isZero();
    }

    @Test
    void defaultThresholdIs16KiB() {
        assertThat(Transcoders.spymemcached().encode("a".repeat(16 * 1024 - 1)).flags())
                .isZero();
        assertThat(Transcoders.spymemcached().encode("a".repeat(16 * 1024)).flags())
                .isEqualTo(2);
    }

    @Test
    void serializedValuesGoThroughTheAllowList() {
        Encoded encoded = Transcoders.spymemcached(SerialAllowList.of("*"), Compression.defaults())
                .encode(new Item("x", 1));

        assertThatThrownBy(() -> Transcoders.spymemcached(SerialAllowList.of("com.example.*"), Compression.defaults())
                        .decode(encoded.flags(), encoded.data()))
                .isInstanceOf(ClassNotAllowed.class)
                .hasMessageContaining(Item.class.getName());
    }

    @Test
    void withoutAnAllowListSerializationIsOffBothWays() {
        Encoded encoded = OURS.encode(new Item("x", 1));

        assertThatThrownBy(() -> Transcoders.spymemcached().decode(encoded.flags(), encoded.data()))
                .isInstanceOf(UndecodableValue.class)
                .hasMessageContaining("serialized Java object (flags 0x1) and Java serialization is off");
        assertThatThrownBy(() -> Transcoders.spymemcached().encode(new Item("x", 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Item.class.getName() + " needs Java serialization, which is off");
    }

    @Test
    void malformedValuesAreRefused() {
        assertThatThrownBy(() -> OURS.decode(0x0900, new byte[1]))
                .isInstanceOf(UndecodableValue.class)
                .hasMessageContaining("unknown spymemcached value type 0x9");
        assertThatThrownBy(() -> OURS.decode(0x0200, new byte[5]))
                .isInstanceOf(UndecodableValue.class)
                .hasMessageContaining("5 bytes are too many for a int");
        assertThatThrownBy(() -> OURS.decode(0x0100, new byte[0]))
                .isInstanceOf(UndecodableValue.class)
                .hasMessageContaining("a boolean is 1 byte, not 0");
    }

    @Test
    void inflateIsBounded() {
        Transcoder<Object> bounded =
                Transcoders.spymemcached(ITEMS, Compression.defaults().withMaxInflatedBytes(1024));

        assertThatThrownBy(() -> bounded.decode(2, CompressionFormat.GZIP.compress(new byte[4096])))
                .isInstanceOf(InflateLimitExceeded.class);
    }
}
