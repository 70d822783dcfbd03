package io.memcached2.internal.protocol;

import static io.memcached2.internal.protocol.Feed.encode;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The exact bytes TextDialect writes for every command it can express. */
class TextEncodingTest {
    private final TextDialect text = new TextDialect(1 << 20);

    private String enc(TestCommand c) {
        return encode(text, c);
    }

    private static TestCommand cmd(Op op, String key) {
        return TestCommand.of(op, key, false);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "GET   | get k\\r\\n",
                "GETS  | gets k\\r\\n",
                "GAT   | gat 30 k\\r\\n",
                "GATS  | gats 30 k\\r\\n",
                "TOUCH | touch k 30\\r\\n",
                "DELETE | delete k\\r\\n",
            })
    void reads(Op op, String expected) {
        assertThat(enc(cmd(op, "k").exptime(30).opaque(5))).isEqualTo(MetaEncodingTest.unescape(expected));
    }

    @Test
    void negativeExptimes() {
        assertThat(enc(cmd(Op.GAT, "k").exptime(-1))).isEqualTo("gat -1 k\r\n");
        assertThat(enc(cmd(Op.TOUCH, "k").exptime(-1))).isEqualTo("touch k -1\r\n");
        assertThat(enc(cmd(Op.SET, "k").value("x").exptime(-1))).isEqualTo("set k 0 -1 1\r\nx\r\n");
    }

    @Test
    void multiGets() {
        assertThat(enc(TestCommand.multi(Op.GET_MULTI, false, "a", "b", "c"))).isEqualTo("get a b c\r\n");
        assertThat(enc(TestCommand.multi(Op.GETS_MULTI, false, "a", "b"))).isEqualTo("gets a b\r\n");
        assertThat(enc(TestCommand.multi(Op.GET_MULTI, false, "only"))).isEqualTo("get only\r\n");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "SET     | set k 7 30 3\\r\\nabc\\r\\n",
                "ADD     | add k 7 30 3\\r\\nabc\\r\\n",
                "REPLACE | replace k 7 30 3\\r\\nabc\\r\\n",
                "APPEND  | append k 7 30 3\\r\\nabc\\r\\n",
                "PREPEND | prepend k 7 30 3\\r\\nabc\\r\\n",
            })
    void stores(Op op, String expected) {
        assertThat(enc(cmd(op, "k").value("abc").flags(7).exptime(30))).isEqualTo(MetaEncodingTest.unescape(expected));
    }

    @Test
    void casCarriesTheUniqueLast() {
        assertThat(enc(cmd(Op.CAS, "k").value("abc").cas(99))).isEqualTo("cas k 0 0 3 99\r\nabc\r\n");
        assertThat(enc(cmd(Op.CAS, "k").value("abc").cas(-1L)))
                .isEqualTo("cas k 0 0 3 18446744073709551615\r\nabc\r\n");
    }

    @Test
    void setWithACasUniqueBecomesCas() {
        assertThat(enc(cmd(Op.SET, "k").value("abc").cas(5))).isEqualTo("cas k 0 0 3 5\r\nabc\r\n");
    }

    @Test
    void flagsAbove2To31AreWrittenUnsigned() {
        assertThat(enc(cmd(Op.SET, "k").value("x").flags(0x80000000))).isEqualTo("set k 2147483648 0 1\r\nx\r\n");
        assertThat(enc(cmd(Op.SET, "k").value("x").flags(-1))).isEqualTo("set k 4294967295 0 1\r\nx\r\n");
    }

    @Test
    void emptyAndBinaryValues() {
        assertThat(enc(cmd(Op.SET, "k").value(""))).isEqualTo("set k 0 0 0\r\n\r\n");
        TestCommand c = cmd(Op.SET, "k");
        c.value = new byte[] {'\r', '\n', (byte) 0x80};
        assertThat(enc(c)).isEqualTo("set k 0 0 3\r\n\r\n\u0080\r\n");
    }

    @Test
    void arithmetic() {
        assertThat(enc(cmd(Op.INCR, "n").delta(3))).isEqualTo("incr n 3\r\n");
        assertThat(enc(cmd(Op.DECR, "n").delta(3))).isEqualTo("decr n 3\r\n");
        assertThat(enc(cmd(Op.INCR, "n").delta(-1L))).isEqualTo("incr n 18446744073709551615\r\n");
        assertThat(enc(cmd(Op.DECR, "n").delta(0))).isEqualTo("decr n 0\r\n");
    }

    @Test
    void utf8Key() {
        assertThat(Feed.bytes(enc(cmd(Op.GET, "\u00e9"))))
                .containsExactly('g', 'e', 't', ' ', 0xc3 - 256, 0xa9 - 256, '\r', '\n');
    }

    @Test
    void sharedCommands() {
        assertThat(enc(TestCommand.plain(Op.FLUSH_ALL))).isEqualTo("flush_all\r\n");
        assertThat(enc(TestCommand.plain(Op.FLUSH_ALL).exptime(10))).isEqualTo("flush_all 10\r\n");
        assertThat(enc(TestCommand.plain(Op.VERSION))).isEqualTo("version\r\n");
        assertThat(enc(TestCommand.plain(Op.STATS))).isEqualTo("stats\r\n");
        assertThat(enc(TestCommand.plain(Op.STATS).arg("slabs"))).isEqualTo("stats slabs\r\n");
        assertThat(enc(TestCommand.plain(Op.VERBOSITY).arg("0"))).isEqualTo("verbosity 0\r\n");
    }

    @Test
    void noopIsVersionSinceTextHasNoNoop() {
        assertThat(enc(TestCommand.plain(Op.NOOP))).isEqualTo("version\r\n");
    }

    @Test
    void opaqueIsNotSent() {
        assertThat(enc(cmd(Op.GET, "k").opaque(123))).isEqualTo("get k\r\n");
    }
}
