package io.memcached2.internal.placement;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcached2.Hashers;
import io.memcached2.routing.Hasher;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Known vectors for every built-in hasher, keys given as UTF-8.
 *
 * <p>Sources: cmemcache, crc32 and md5 from Debian's python3 ({@code memcache.cmemcache_hash},
 * {@code binascii.crc32}, {@code hashlib.md5} first 4 bytes little-endian). one-at-a-time, twemproxy fnv1a_64,
 * fnv1a32, fnv1_64, fnv1a_64 and murmur3 from a C program (gcc) written from PROTOCOL-NOTES §3b/§3e, the FNV
 * reference and Appleby's MurmurHash3_x86_32; cross-checked with published vectors (fnv1a32("a") = 0xe40c292c,
 * murmur3("hello") = 613153351, murmur3("The quick brown fox jumps over the lazy dog") = 0x2e4ff723).
 */
class HashersTest {
    private static final List<String> KEYS = List.of(
            "",
            "a",
            "foo",
            "hello",
            "Hello, world!",
            "memcached2:key:12345",
            "clé-ünïcødé",
            "日本語キー",
            "The quick brown fox jumps over the lazy dog");

    static Stream<Arguments> vectors() {
        return Stream.of(
                Arguments.of(
                        Hashers.cmemcache(), new long[] {1, 26807, 3187, 13840, 27622, 11475, 21175, 10456, 16719}),
                Arguments.of(Hashers.crc32(), new long[] {
                    0L,
                    3904355907L,
                    2356372769L,
                    907060870L,
                    3957769958L,
                    752074907L,
                    3535270119L,
                    685255984L,
                    1095738169L
                }),
                Arguments.of(Hashers.md5(), new long[] {
                    3649838548L,
                    3111502092L,
                    3675831724L,
                    708854109L,
                    1834341228L,
                    2838170458L,
                    3575349525L,
                    1829739373L,
                    2642219166L
                }),
                Arguments.of(Hashers.oneAtATime(), new long[] {
                    0L,
                    3392050242L,
                    596015325L,
                    3372029979L,
                    4164669301L,
                    2397057963L,
                    678590823L,
                    2565596821L,
                    1369346549L
                }),
                Arguments.of(Hashers.twemproxyFnv1a64(), new long[] {
                    2216829733L,
                    2248273036L,
                    4275688823L,
                    2158673163L,
                    1150843892L,
                    3192305290L,
                    4107577780L,
                    3694069133L,
                    3890508048L
                }),
                Arguments.of(Hashers.fnv1a32(), new long[] {
                    2166136261L,
                    3826002220L,
                    2851307223L,
                    1335831723L,
                    3985698964L,
                    2068616842L,
                    313778868L,
                    1737415629L,
                    76545936L
                }),
                Arguments.of(Hashers.fnv1_64(), new long[] {
                    2216829733L,
                    2248259518L,
                    1805727027L,
                    3183334599L,
                    2309661030L,
                    797796428L,
                    1552737166L,
                    2719623469L,
                    2112060110L
                }),
                Arguments.of(Hashers.fnv1a_64(), new long[] {
                    2216829733L,
                    2248273036L,
                    4275688823L,
                    2158673163L,
                    1150843892L,
                    3192305290L,
                    1833247156L,
                    3629940365L,
                    3890508048L
                }),
                Arguments.of(Hashers.murmur3(), new long[] {
                    0L,
                    1009084850L,
                    4138058784L,
                    613153351L,
                    3224780355L,
                    1708374081L,
                    1083154475L,
                    3757955032L,
                    776992547L
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void matchesReferenceVectors(Hasher hasher, long[] expected) {
        for (int i = 0; i < KEYS.size(); i++) {
            byte[] key = KEYS.get(i).getBytes(StandardCharsets.UTF_8);
            assertThat(hasher.hash(key)).as("%s(%s)", hasher, KEYS.get(i)).isEqualTo(expected[i]);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void sliceHashEqualsWholeArrayHash(Hasher hasher, long[] ignored) {
        byte[] padded = "xx日本語キーyy".getBytes(StandardCharsets.UTF_8);
        byte[] inner = "日本語キー".getBytes(StandardCharsets.UTF_8);
        assertThat(hasher.hash(padded, 2, inner.length)).isEqualTo(hasher.hash(inner));
    }

    @Test
    void md5OfASliceMatchesTheJdkAcrossBlockBoundaries() throws Exception {
        MessageDigest jdk = MessageDigest.getInstance("MD5");
        Random random = new Random(7);
        for (int length = 0; length <= 300; length++) {
            byte[] data = new byte[length + 3];
            random.nextBytes(data);
            byte[] expected = jdk.digest(Arrays.copyOfRange(data, 3, 3 + length));
            byte[] digest = Md5.digest(data, 3, length);
            for (int w = 0; w < 4; w++) {
                long word = (expected[4 * w] & 0xffL)
                        | (expected[4 * w + 1] & 0xffL) << 8
                        | (expected[4 * w + 2] & 0xffL) << 16
                        | (expected[4 * w + 3] & 0xffL) << 24;
                assertThat(Md5.word(digest, w))
                        .as("word %d of MD5 of %d bytes", w, length)
                        .isEqualTo(word);
            }
        }
    }

    @Test
    void zeroHashesEverythingToZero() {
        assertThat(Hashers.zero().hash("anything".getBytes(StandardCharsets.UTF_8)))
                .isZero();
    }

    @Test
    void twemproxyFnvDiffersFromTrueFnv1a64OnlyForNonAsciiBytes() {
        byte[] ascii = "memcached2:key:12345".getBytes(StandardCharsets.UTF_8);
        byte[] utf8 = "clé".getBytes(StandardCharsets.UTF_8);
        assertThat(Hashers.twemproxyFnv1a64().hash(ascii))
                .isEqualTo(Hashers.fnv1a_64().hash(ascii));
        assertThat(Hashers.twemproxyFnv1a64().hash(utf8))
                .isNotEqualTo(Hashers.fnv1a_64().hash(utf8));
    }
}
