package io.memcached2.internal.transcode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memcached2.Transcoders;
import io.memcached2.transcode.Compression;
import io.memcached2.transcode.Encoded;
import io.memcached2.transcode.InflateLimitExceeded;
import io.memcached2.transcode.Transcoder;
import io.memcached2.transcode.UndecodableValue;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class PythonMemcacheTranscoderTest {
    private final Transcoder<Object> python =
            Transcoders.pythonMemcache(Compression.defaults().withThreshold(100));

    @Property(tries = 200)
    void textRoundTripsAsFlag16(@ForAll @Size(max = 300) String text) {
        Encoded encoded = python.encode(text);

        assertThat(encoded.flags() & ~PythonMemcacheTranscoder.FLAG_COMPRESSED).isEqualTo(16);
        assertThat(python.decode(encoded.flags(), encoded.data())).isEqualTo(text);
    }

    @Property(tries = 200)
    void bytesRoundTripAsFlag0(@ForAll @Size(max = 300) byte[] bytes) {
        Encoded encoded = python.encode(bytes);

        assertThat(encoded.flags() & ~PythonMemcacheTranscoder.FLAG_COMPRESSED).isZero();
        assertThat(python.decode(encoded.flags(), encoded.data())).isEqualTo(bytes);
    }

    @Property(tries = 200)
    void longsRoundTripAsDecimalFlag2(@ForAll long number) {
        Encoded encoded = python.encode(number);

        assertThat(encoded.flags()).isEqualTo(PythonMemcacheTranscoder.FLAG_INTEGER);
        assertThat(new String(encoded.data(), StandardCharsets.US_ASCII)).isEqualTo(Long.toString(number));
        assertThat(python.decode(encoded.flags(), encoded.data())).isEqualTo(number);
    }

    @Property(tries = 100)
    void bigIntegersBeyondLongStayBigIntegers(@ForAll BigInteger number) {
        BigInteger big =
                number.abs().add(BigInteger.ONE).shiftLeft(64).multiply(BigInteger.valueOf(number.signum() | 1));

        Encoded encoded = python.encode(big);

        assertThat(python.decode(encoded.flags(), encoded.data())).isEqualTo(big);
    }

    @Test
    void smallIntegerTypesDecodeAsLong() {
        assertThat(python.decode(2, python.encode(7).data())).isEqualTo(7L);
        assertThat(python.decode(2, python.encode((short) -3).data())).isEqualTo(-3L);
        assertThat(python.decode(4, "123456789012345678901234567890".getBytes()))
                .isEqualTo(new BigInteger("123456789012345678901234567890"));
    }

    @Test
    void integersAreNeverCompressed() {
        Transcoder<Object> eager =
                Transcoders.pythonMemcache(Compression.defaults().withThreshold(0));

        assertThat(eager.encode(BigInteger.TEN.pow(500)).flags()).isEqualTo(2);
    }

    @Test
    void integersStopAtPythonsDigitLimit() {
        BigInteger largest = BigInteger.TEN.pow(4300).subtract(BigInteger.ONE).negate();

        assertThat(python.decode(2, python.encode(largest).data())).isEqualTo(largest);
        assertThatThrownBy(() -> python.encode(BigInteger.TEN.pow(4300)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4300 digits python reads");
        assertThatThrownBy(() -> python.decode(2, "1".repeat(4302).getBytes()))
                .isInstanceOf(UndecodableValue.class)
                .hasMessageContaining("4302 characters");
    }

    @Test
    void integersToleratePaddingThatDecrLeaves() {
        assertThat(python.decode(2, "9 ".getBytes())).isEqualTo(9L);
    }

    @Test
    void textAtTheThresholdIsZlibCompressed() {
        String text = "x".repeat(100);

        Encoded encoded = python.encode(text);

        assertThat(encoded.flags()).isEqualTo(16 | 8);
        assertThat(encoded.data()[0]).isEqualTo((byte) 0x78);
        assertThat(python.decode(encoded.flags(), encoded.data())).isEqualTo(text);
        assertThat(python.encode("x".repeat(99)).flags()).isEqualTo(16);
    }

    @Test
    void picklesAreNeverUnpickled() {
        byte[] pickle = {(byte) 0x80, 4, 'K', 1, '.'};

        assertThatThrownBy(() -> python.decode(1, pickle))
                .isInstanceOf(UndecodableValue.class)
                .hasMessageContaining("python pickle")
                .hasMessageContaining("never unpickled");
        assertThatThrownBy(() -> python.decode(1 | 8, CompressingTranscoderTest.zlib(pickle)))
                .isInstanceOf(UndecodableValue.class)
                .hasMessageContaining("python pickle");
    }

    @Test
    void typesPythonWouldPickleAreRefusedOnEncode() {
        assertThatThrownBy(() -> python.encode(true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("python-memcached would pickle a java.lang.Boolean");
    }

    @Test
    void unknownFlagsAreRefused() {
        assertThatThrownBy(() -> python.decode(64, new byte[1]))
                .isInstanceOf(UndecodableValue.class)
                .hasMessageContaining("unknown python-memcached flags 0x40");
    }

    @Test
    void malformedValuesAreRefused() {
        assertThatThrownBy(() -> python.decode(2, "12x".getBytes()))
                .isInstanceOf(UndecodableValue.class)
                .hasMessageContaining("not a decimal number: '12x'");
        assertThatThrownBy(() -> python.decode(16, new byte[] {(byte) 0xff}))
                .isInstanceOf(UndecodableValue.class)
                .hasMessageContaining("not valid UTF-8");
    }

    @Test
    void inflateIsBounded() {
        Transcoder<Object> bounded =
                Transcoders.pythonMemcache(Compression.defaults().withMaxInflatedBytes(1024));

        assertThatThrownBy(() -> bounded.decode(16 | 8, CompressingTranscoderTest.zlib(new byte[4096])))
                .isInstanceOf(InflateLimitExceeded.class);
    }
}
