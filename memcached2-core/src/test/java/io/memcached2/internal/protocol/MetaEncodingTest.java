package io.memcached2.internal.protocol;

import static io.memcached2.internal.protocol.Feed.encode;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The exact bytes MetaDialect writes for every command and flag combination. */
class MetaEncodingTest {
    private final MetaDialect meta = new MetaDialect(1 << 20, false);

    @Test
    void defaultDialectSendsTextSafeMultiGetsInClassicForm() {
        MetaDialect standard = new MetaDialect(1 << 20);
        assertThat(Feed.encode(
                        standard,
                        TestCommand.multi(Op.GET_MULTI, true, "a", "b").opaque(7)))
                .isEqualTo("get a b\r\n");
        assertThat(Feed.encode(
                        standard, TestCommand.multi(Op.GETS_MULTI, true, "a").opaque(7)))
                .isEqualTo("gets a\r\n");
        assertThat(Feed.encode(
                        standard,
                        TestCommand.multi(Op.GET_MULTI, true, "a", "b c").opaque(7)))
                .isEqualTo("mg a v f q O7\r\nmg YiBj b v f q O8\r\nmn\r\n");
    }

    private String enc(TestCommand c) {
        return encode(meta, c);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "GET  | mg k v f O5\\r\\n",
                "GETS | mg k v f c O5\\r\\n",
                "GAT  | mg k v f T30 O5\\r\\n",
                "GATS | mg k v f c T30 O5\\r\\n",
                "TOUCH | mg k T30 O5\\r\\n",
            })
    void reads(Op op, String expected) {
        assertThat(enc(TestCommand.of(op, "k").exptime(30).opaque(5))).isEqualTo(unescape(expected));
    }

    @Test
    void getIgnoresExptimeButGatSendsItEvenWhenZeroOrNegative() {
        assertThat(enc(TestCommand.of(Op.GET, "k").exptime(30).opaque(1))).isEqualTo("mg k v f O1\r\n");
        assertThat(enc(TestCommand.of(Op.GAT, "k").exptime(0).opaque(1))).isEqualTo("mg k v f T0 O1\r\n");
        assertThat(enc(TestCommand.of(Op.GAT, "k").exptime(-1).opaque(1))).isEqualTo("mg k v f T-1 O1\r\n");
        assertThat(enc(TestCommand.of(Op.TOUCH, "k").exptime(-1).opaque(1))).isEqualTo("mg k T-1 O1\r\n");
    }

    @Test
    void leaseRecacheAndTtlFlagsFollowInFixedOrder() {
        TestCommand c = TestCommand.of(Op.GETS, "k").opaque(9);
        c.vivify(30);
        c.recache(10);
        c.wantTtl();
        assertThat(enc(c)).isEqualTo("mg k v f c N30 R10 t O9\r\n");
        TestCommand only = TestCommand.of(Op.GET, "k").opaque(9);
        only.recache(7);
        assertThat(enc(only)).isEqualTo("mg k v f R7 O9\r\n");
    }

    @Test
    void multiGetIsQuietLinesWithConsecutiveOpaquesEndedByMn() {
        assertThat(enc(TestCommand.multi(Op.GET_MULTI, true, "a", "b", "c").opaque(40)))
                .isEqualTo("mg a v f q O40\r\nmg b v f q O41\r\nmg c v f q O42\r\nmn\r\n");
        assertThat(enc(TestCommand.multi(Op.GETS_MULTI, true, "a", "b").opaque(1)))
                .isEqualTo("mg a v f c q O1\r\nmg b v f c q O2\r\nmn\r\n");
    }

    @Test
    void multiGetMixesPlainAndBase64Keys() {
        assertThat(enc(TestCommand.multi(Op.GET_MULTI, true, "a", "x y").opaque(3)))
                .isEqualTo("mg a v f q O3\r\nmg eCB5 b v f q O4\r\nmn\r\n");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "SET     | ms k 3 O5\\r\\nabc\\r\\n",
                "ADD     | ms k 3 ME O5\\r\\nabc\\r\\n",
                "REPLACE | ms k 3 MR O5\\r\\nabc\\r\\n",
                "APPEND  | ms k 3 MA O5\\r\\nabc\\r\\n",
                "PREPEND | ms k 3 MP O5\\r\\nabc\\r\\n",
                "CAS     | ms k 3 C99 O5\\r\\nabc\\r\\n",
            })
    void stores(Op op, String expected) {
        TestCommand c = TestCommand.of(op, "k").value("abc").opaque(5);
        if (op == Op.CAS) {
            c.cas(99);
        }
        assertThat(enc(c)).isEqualTo(unescape(expected));
    }

    @Test
    void storeWithEveryOption() {
        TestCommand c = TestCommand.of(Op.ADD, "k")
                .value("abc")
                .flags(7)
                .exptime(300)
                .cas(12)
                .opaque(5);
        c.returnCas();
        assertThat(enc(c)).isEqualTo("ms k 3 F7 T300 ME C12 c O5\r\nabc\r\n");
    }

    @Test
    void storeFlagsAreUnsigned32BitsAndExptimeSigned() {
        assertThat(enc(TestCommand.of(Op.SET, "k").value("x").flags(0x80000000).opaque(1)))
                .isEqualTo("ms k 1 F2147483648 O1\r\nx\r\n");
        assertThat(enc(TestCommand.of(Op.SET, "k").value("x").flags(-1).opaque(1)))
                .isEqualTo("ms k 1 F4294967295 O1\r\nx\r\n");
        assertThat(enc(TestCommand.of(Op.SET, "k").value("x").exptime(-1).opaque(1)))
                .isEqualTo("ms k 1 T-1 O1\r\nx\r\n");
    }

    @Test
    void storeOfEmptyAndBinaryValues() {
        assertThat(enc(TestCommand.of(Op.SET, "k").value("").opaque(1))).isEqualTo("ms k 0 O1\r\n\r\n");
        TestCommand c = TestCommand.of(Op.SET, "k").opaque(1);
        c.value = new byte[] {'\r', '\n', 0, (byte) 0xff};
        assertThat(enc(c)).isEqualTo("ms k 4 O1\r\n\r\n\u0000\u00ff\r\n");
    }

    @Test
    void storeCasUniqueIsUnsigned64Bits() {
        assertThat(enc(TestCommand.of(Op.CAS, "k").value("x").cas(-1L).opaque(1)))
                .isEqualTo("ms k 1 C18446744073709551615 O1\r\nx\r\n");
    }

    @Test
    void deletes() {
        assertThat(enc(TestCommand.of(Op.DELETE, "k").opaque(5))).isEqualTo("md k O5\r\n");
        assertThat(enc(TestCommand.of(Op.DELETE, "k").cas(77).opaque(5))).isEqualTo("md k C77 O5\r\n");
        TestCommand inv = TestCommand.of(Op.DELETE, "k").opaque(5);
        inv.invalidate();
        assertThat(enc(inv)).isEqualTo("md k I O5\r\n");
        TestCommand invTtl = TestCommand.of(Op.DELETE, "k").cas(77).exptime(30).opaque(5);
        invTtl.invalidate();
        assertThat(enc(invTtl)).isEqualTo("md k C77 I T30 O5\r\n");
    }

    @Test
    void deleteWithoutInvalidateSendsNoTtl() {
        assertThat(enc(TestCommand.of(Op.DELETE, "k").exptime(30).opaque(5))).isEqualTo("md k O5\r\n");
    }

    @Test
    void arithmetic() {
        assertThat(enc(TestCommand.of(Op.INCR, "n").delta(3).opaque(5))).isEqualTo("ma n v D3 O5\r\n");
        assertThat(enc(TestCommand.of(Op.DECR, "n").delta(3).opaque(5))).isEqualTo("ma n v MD D3 O5\r\n");
        assertThat(enc(TestCommand.of(Op.INCR, "n").delta(-1L).opaque(5)))
                .isEqualTo("ma n v D18446744073709551615 O5\r\n");
    }

    @Test
    void arithmeticWithAutoCreate() {
        TestCommand c = TestCommand.of(Op.INCR, "n").delta(2).exptime(60).opaque(5);
        c.autoCreate = true;
        c.initial = 10;
        assertThat(enc(c)).isEqualTo("ma n v D2 N60 J10 O5\r\n");
        TestCommand d = TestCommand.of(Op.DECR, "n").delta(1).opaque(6);
        d.autoCreate = true;
        d.initial = -1L;
        assertThat(enc(d)).isEqualTo("ma n v MD D1 N0 J18446744073709551615 O6\r\n");
    }

    @Test
    void base64KeysCarryTheBFlagAfterKeyOrLength() {
        assertThat(enc(TestCommand.of(Op.GET, "a b").opaque(1))).isEqualTo("mg YSBi b v f O1\r\n");
        assertThat(enc(TestCommand.of(Op.TOUCH, "a b").exptime(5).opaque(1))).isEqualTo("mg YSBi b T5 O1\r\n");
        assertThat(enc(TestCommand.of(Op.SET, "a b").value("xyz").opaque(1))).isEqualTo("ms YSBi 3 b O1\r\nxyz\r\n");
        assertThat(enc(TestCommand.of(Op.DELETE, "a\nb").opaque(1))).isEqualTo("md YQpi b O1\r\n");
        assertThat(enc(TestCommand.of(Op.INCR, "a\u0000").delta(1).opaque(1))).isEqualTo("ma YQA= b v D1 O1\r\n");
        // UTF-8 bytes of the key are what is base64-encoded
        assertThat(enc(TestCommand.of(Op.GET, "\u00e9 ").opaque(1))).isEqualTo("mg w6kg b v f O1\r\n");
    }

    @Test
    void utf8KeysTravelAsRawUtf8() {
        String encoded = enc(TestCommand.of(Op.GET, "cl\u00e9\u20ac").opaque(1));
        assertThat(Feed.bytes(encoded))
                .isEqualTo(Feed.concat(
                        "mg cl".getBytes(),
                        Feed.concat(
                                new byte[] {(byte) 0xc3, (byte) 0xa9, (byte) 0xe2, (byte) 0x82, (byte) 0xac},
                                " v f O1\r\n".getBytes())));
    }

    @Test
    void opaqueIsWrittenAsIs() {
        assertThat(enc(TestCommand.of(Op.GET, "k").opaque(0))).isEqualTo("mg k v f O0\r\n");
        assertThat(enc(TestCommand.of(Op.GET, "k").opaque((1 << 30) - 1))).isEqualTo("mg k v f O1073741823\r\n");
    }

    @Test
    void sharedCommandsUseTheClassicForm() {
        assertThat(enc(TestCommand.plain(Op.FLUSH_ALL))).isEqualTo("flush_all\r\n");
        assertThat(enc(TestCommand.plain(Op.FLUSH_ALL).exptime(10))).isEqualTo("flush_all 10\r\n");
        assertThat(enc(TestCommand.plain(Op.VERSION))).isEqualTo("version\r\n");
        assertThat(enc(TestCommand.plain(Op.STATS))).isEqualTo("stats\r\n");
        assertThat(enc(TestCommand.plain(Op.STATS).arg(""))).isEqualTo("stats\r\n");
        assertThat(enc(TestCommand.plain(Op.STATS).arg("items"))).isEqualTo("stats items\r\n");
        assertThat(enc(TestCommand.plain(Op.VERBOSITY).arg("1"))).isEqualTo("verbosity 1\r\n");
        assertThat(enc(TestCommand.plain(Op.NOOP))).isEqualTo("mn\r\n");
    }

    @Test
    void encodingAppendsToWhatIsAlreadyInTheBuffer() {
        io.netty.buffer.ByteBuf out = io.netty.buffer.Unpooled.buffer();
        meta.encode(TestCommand.of(Op.GET, "a").opaque(1), out);
        meta.encode(TestCommand.of(Op.DELETE, "b").opaque(2), out);
        assertThat(out.toString(java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("mg a v f O1\r\nmd b O2\r\n");
        out.release();
    }

    static String unescape(String s) {
        return s.strip().replace("\\r", "\r").replace("\\n", "\n");
    }
}
