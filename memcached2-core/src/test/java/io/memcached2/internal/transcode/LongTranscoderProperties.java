package io.memcached2.internal.transcode;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcached2.transcode.Encoded;
import io.memcached2.transcode.Transcoder;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Longs as memcached counters: a Java long is a 64-bit unsigned counter (negative longs are 2^63 and above), written
 * as the decimal text memcached's incr accepts and read back to the same bits.
 */
class LongTranscoderProperties {
    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);
    private final Transcoder<Long> longs = LongTranscoder.INSTANCE;

    @Provide
    Arbitrary<Long> counters() {
        return Arbitraries.oneOf(
                Arbitraries.longs(), Arbitraries.of(0L, 1L, -1L, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1));
    }

    @Property(tries = 500)
    void everyUnsignedValueRoundTrips(@ForAll("counters") long value) {
        Encoded e = longs.encode(value);
        assertThat(longs.decode(e.flags(), e.data())).isEqualTo(value);
    }

    @Property(tries = 500)
    void writtenAsTheUnsignedDecimalMemcachedIncrements(@ForAll("counters") long value) {
        String text = new String(longs.encode(value).data(), StandardCharsets.US_ASCII);
        assertThat(text).matches("0|[1-9][0-9]{0,19}");
        BigInteger unsigned = BigInteger.valueOf(value).mod(TWO_TO_64);
        assertThat(new BigInteger(text)).isEqualTo(unsigned);
    }

    @Property(tries = 200)
    void readsTheSpacesADecrLeavesBehind(@ForAll("counters") long value, @ForAll("padding") String spaces) {
        byte[] padded = (Long.toUnsignedString(value) + spaces).getBytes(StandardCharsets.US_ASCII);
        assertThat(longs.decode(0, padded)).isEqualTo(value);
    }

    @Provide
    Arbitrary<String> padding() {
        return Arbitraries.strings().withChars(' ').ofMaxLength(19);
    }
}
