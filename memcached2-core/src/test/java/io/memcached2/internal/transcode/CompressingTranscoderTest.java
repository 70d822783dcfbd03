package io.memcached2.internal.transcode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memcached2.Transcoders;
import io.memcached2.transcode.Compression;
import io.memcached2.transcode.Encoded;
import io.memcached2.transcode.InflateLimitExceeded;
import io.memcached2.transcode.SerialAllowList;
import io.memcached2.transcode.Transcoder;
import io.memcached2.transcode.UndecodableValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.DeflaterOutputStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class CompressingTranscoderTest {
    private static final Transcoder<byte[]> BYTES = Transcoders.bytes();

    @Property(tries = 200)
    void anyBytesRoundTripAtAnyThreshold(
            @ForAll @Size(max = 4096) byte[] value, @ForAll @IntRange(max = 5000) int threshold) {
        Transcoder<byte[]> transcoder =
                Transcoders.compressed(BYTES, Compression.defaults().withThreshold(threshold));

        Encoded encoded = transcoder.encode(value);

        assertThat(transcoder.decode(encoded.flags(), encoded.data())).isEqualTo(value);
        if (value.length < threshold) {
            assertThat(encoded.flags()).isZero();
            assertThat(encoded.data()).isSameAs(value);
        }
        if (encoded.flags() != 0) {
            assertThat(encoded.flags()).isEqualTo(CompressingTranscoder.FLAG_COMPRESSED);
            assertThat(encoded.data().length).isLessThan(value.length);
        }
    }

    @Property(tries = 50)
    void compressibleValuesAreCompressedFromTheThresholdOn(@ForAll @IntRange(min = 64, max = 40_000) int length) {
        Transcoder<byte[]> transcoder =
                Transcoders.compressed(BYTES, Compression.defaults().withThreshold(length));

        assertThat(transcoder.encode(zeros(length)).flags()).isEqualTo(CompressingTranscoder.FLAG_COMPRESSED);
        assertThat(transcoder.encode(zeros(length - 1)).flags()).isZero();
    }

    @Test
    void defaultThresholdIs16KiB() {
        Transcoder<byte[]> transcoder = Transcoders.compressed(BYTES);

        assertThat(transcoder.encode(zeros(16 * 1024 - 1)).flags()).isZero();
        assertThat(transcoder.encode(zeros(16 * 1024)).flags()).isEqualTo(8);
    }

    @Test
    void valuesThatWouldGrowStayPlain() {
        byte[] noise = new byte[32 * 1024];
        new Random(7).nextBytes(noise);

        Encoded encoded = Transcoders.compressed(BYTES).encode(noise);

        assertThat(encoded.flags()).isZero();
        assertThat(encoded.data()).isSameAs(noise);
    }

    @Test
    void innerFlagsPassThroughBothWays() {
        Transcoder<Object> serialized = Transcoders.compressed(
                Transcoders.javaSerialization(SerialAllowList.of("java.lang.String")),
                Compression.defaults().withThreshold(0));
        String text = "a".repeat(1000);

        Encoded encoded = serialized.encode(text);

        assertThat(encoded.flags()).isEqualTo(JavaSerializationTranscoder.FLAG_SERIALIZED | 8);
        assertThat(serialized.decode(encoded.flags(), encoded.data())).isEqualTo(text);
    }

    @Test
    void inflatePastTheLimitIsRefused() {
        Transcoder<byte[]> transcoder = Transcoders.compressed(
                BYTES, Compression.defaults().withThreshold(0).withMaxInflatedBytes(64 * 1024));
        byte[] bomb = zlib(zeros(1024 * 1024));

        assertThatThrownBy(() -> transcoder.decode(8, bomb))
                .isInstanceOf(InflateLimitExceeded.class)
                .hasMessageContaining("limit of 65536 bytes")
                .extracting(e -> ((InflateLimitExceeded) e).limit())
                .isEqualTo(64 * 1024);
    }

    @Test
    void inflateUpToTheLimitExactlyIsAllowed() {
        Transcoder<byte[]> transcoder =
                Transcoders.compressed(BYTES, Compression.defaults().withMaxInflatedBytes(1000));

        assertThat(transcoder.decode(8, zlib(zeros(1000)))).hasSize(1000);
        assertThatThrownBy(() -> transcoder.decode(8, zlib(zeros(1001)))).isInstanceOf(InflateLimitExceeded.class);
    }

    @Property(tries = 100)
    void inflateSucceedsExactlyUpToTheLimit(
            @ForAll @IntRange(max = 100_000) int length, @ForAll @IntRange(min = 1, max = 100_000) int limit) {
        Transcoder<byte[]> transcoder =
                Transcoders.compressed(BYTES, Compression.defaults().withMaxInflatedBytes(limit));
        byte[] compressed = zlib(zeros(length));

        if (length <= limit) {
            assertThat(transcoder.decode(8, compressed)).hasSize(length);
        } else {
            assertThatThrownBy(() -> transcoder.decode(8, compressed)).isInstanceOf(InflateLimitExceeded.class);
        }
    }

    @Test
    void defaultInflateLimitIs64MiB() {
        byte[] bomb = zlib(zeros(64 * 1024 * 1024 + 1));

        assertThatThrownBy(() -> Transcoders.compressed(BYTES).decode(8, bomb))
                .isInstanceOf(InflateLimitExceeded.class)
                .hasMessageContaining("limit of 67108864 bytes");
    }

    @Test
    void gzipIsReadToo() {
        byte[] value = "hello gzip".repeat(50).getBytes();

        byte[] decoded = Transcoders.compressed(BYTES).decode(8, CompressionFormat.GZIP.compress(value));

        assertThat(decoded).isEqualTo(value);
    }

    @Test
    void corruptCompressedBytesAreUndecodable() {
        byte[] broken = Arrays.copyOf(zlib(zeros(10_000)), 10);

        assertThatThrownBy(() -> Transcoders.compressed(BYTES).decode(8, broken))
                .isInstanceOf(UndecodableValue.class)
                .hasMessageContaining("compressed value of 10 bytes is corrupt");
    }

    @Test
    void refusesToWrapATranscoderDeclaringBit3() {
        assertThatThrownBy(() -> Transcoders.compressed(Transcoders.pythonMemcache()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PythonMemcacheTranscoder")
                .hasMessageContaining("flag bit 3");
    }

    @Test
    void refusesAnInnerValueCarryingBit3() {
        Transcoder<byte[]> sneaky = new Transcoder<>() {
            @Override
            public Encoded encode(byte[] value) {
                return new Encoded(8 | 1, value);
            }

            @Override
            public byte[] decode(int flags, byte[] data) {
                return data;
            }
        };

        assertThatThrownBy(() -> Transcoders.compressed(sneaky).encode(new byte[1]))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("flag bit 3");
    }

    @Test
    void declaresItsBitAndTheInnerOnes() {
        assertThat(Transcoders.compressed(Transcoders.javaSerialization(SerialAllowList.of("*")))
                        .flagsUsed())
                .isEqualTo(1 | 8);
    }

    @Test
    void settingsAreValidated() {
        assertThatThrownBy(() -> new Compression(-1, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("threshold must be >= 0, was -1");
        assertThatThrownBy(() -> Compression.defaults().withMaxInflatedBytes(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxInflatedBytes must be > 0");
        assertThat(Transcoders.compressed(BYTES, Compression.never())
                        .encode(zeros(1 << 20))
                        .flags())
                .isZero();
    }

    static byte[] zeros(int length) {
        return new byte[length];
    }

    static byte[] zlib(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflating = new DeflaterOutputStream(out)) {
            deflating.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
