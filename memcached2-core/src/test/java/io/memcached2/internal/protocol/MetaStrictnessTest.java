package io.memcached2.internal.protocol;

import static io.memcached2.internal.protocol.Rejects.rejects;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** MetaDialect refuses, with a ProtocolError quoting the bytes, every reply that is malformed or not for us. */
class MetaStrictnessTest {
    private final MetaDialect meta = new MetaDialect(1 << 20, false);

    private static TestCommand get(int opaque) {
        return TestCommand.of(Op.GET, "k").opaque(opaque);
    }

    @Test
    void wrongOpaque() {
        rejects(meta, get(5), "EN O6\r\n", "opaque does not match request O5", "EN O6\\r\\n");
        rejects(meta, get(5), "VA 1 O4\r\nx\r\n", "opaque does not match", "VA 1 O4\\r\\n");
        rejects(
                meta,
                TestCommand.of(Op.SET, "k").value("v").opaque(5),
                "HD O55\r\n",
                "opaque does not match",
                "HD O55");
        rejects(meta, TestCommand.of(Op.DELETE, "k").opaque(5), "NF O0\r\n", "opaque does not match", "NF O0");
    }

    @Test
    void secondOpaqueMustAlsoMatch() {
        rejects(meta, get(5), "EN O5 O6\r\n", "opaque does not match", "EN O5 O6");
    }

    @Test
    void missingOpaque() {
        rejects(meta, get(5), "EN\r\n", "without the opaque", "EN\\r\\n");
        rejects(meta, get(5), "VA 1 f0\r\nx\r\n", "without the opaque", "VA 1 f0");
        rejects(meta, TestCommand.of(Op.SET, "k").value("v").opaque(5), "HD\r\n", "without the opaque", "HD");
        rejects(meta, TestCommand.of(Op.INCR, "k").delta(1).opaque(5), "VA 1\r\n1\r\n", "without the opaque", "VA 1");
    }

    @Test
    void valueBlockNotFollowedByCrlf() {
        rejects(meta, get(1), "VA 3 O1\r\nabcd\r\n", "not followed by CRLF", "VA 3 O1\\r\\nabcd\\r");
        rejects(meta, get(1), "VA 3 O1\r\nabc\n\r", "not followed by CRLF", "VA 3 O1\\r\\nabc\\n\\r");
        rejects(meta, get(1), "VA 0 O1\r\nXY", "not followed by CRLF", "VA 0 O1\\r\\nXY");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "VA x O1                         | bad number",
                "VA -1 O1                        | bad number",
                "VA  O1                          | bad number",
                "VA 1 Oabc                       | bad number",
                "VA 1 O                          | bad number",
                "VA 1 O1 f-1                     | bad number",
                "VA 1 O1 c1x                     | bad number",
                "VA 1 O1 t                       | bad number",
                "VA 1 O1 t--1                    | bad number",
                "VA 1 c18446744073709551616 O1   | overflows 64 bits",
                "VA 1 c99999999999999999999 O1   | overflows 64 bits",
                "VA 1 c000000000000000000001 O1  | bad number",
                "VA 1 f4294967296 O1             | client flags out of 32-bit range",
                "VA 1 t2147483648 O1             | out of range",
                "VA 2147483648 O1                | length out of range",
            })
    void badNumbersInAValueLine(String line, String what) {
        rejects(meta, TestCommand.of(Op.GETS, "k").opaque(1), line + "\r\nx\r\n", what, line.replace(" ", " "));
    }

    @Test
    void badNumberInArithmeticValue() {
        rejects(meta, TestCommand.of(Op.INCR, "n").delta(1).opaque(1), "VA 2 O1\r\n1a\r\n", "bad number", "1a");
        rejects(meta, TestCommand.of(Op.INCR, "n").delta(1).opaque(1), "VA 0 O1\r\n\r\n", "bad number", "");
        rejects(
                meta,
                TestCommand.of(Op.DECR, "n").delta(1).opaque(1),
                "VA 20 O1\r\n18446744073709551616\r\n",
                "overflows",
                "18446744073709551616");
    }

    @Test
    void bareLf() {
        rejects(meta, get(1), "EN O1\n", "bare LF", "EN O1\\n");
        rejects(meta, get(1), "\n", "bare LF", "\\n");
        rejects(meta, TestCommand.plain(Op.NOOP), "MN\n", "bare LF", "MN\\n");
    }

    @Test
    void malformedFlags() {
        rejects(meta, get(1), "EN  O1\r\n", "empty flag", "EN  O1");
        rejects(meta, get(1), "EN O1 \r\n", "empty flag", "EN O1 ");
        rejects(meta, get(1), "EN O1 Q\r\n", "unexpected flag 'Q'", "EN O1 Q");
        rejects(meta, get(1), "ENO1\r\n", "unexpected reply", "ENO1");
        rejects(meta, TestCommand.plain(Op.NOOP), "MN O1\r\n", "unexpected text after MN", "MN O1");
    }

    @ParameterizedTest(name = "{0} <- {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "GET     | HD O1",
                "GET     | NF O1",
                "GETS    | MN",
                "GAT     | EX O1",
                "TOUCH   | NS O1",
                "SET     | EN O1",
                "CAS     | MN",
                "DELETE  | NS O1",
                "DELETE  | EN O1",
                "INCR    | HD O1",
                "DECR    | EN O1",
                "NOOP    | HD O1",
                "NOOP    | EN",
                "GET     | STORED",
                "GET     | END",
                "SET     | STORED",
                "DELETE  | DELETED",
                "INCR    | 12",
                "GET     | OK",
                "GET     | VALUE k 0 1",
                "GET     | ''",
            })
    void unexpectedStatusForTheCommand(Op op, String line) {
        TestCommand c = TestCommand.of(op, op == Op.NOOP ? null : "k")
                .value("v")
                .delta(1)
                .opaque(1);
        rejects(meta, c, line + "\r\n", "unexpected reply", line);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {"TOUCH", "SET", "ADD", "CAS", "DELETE", "NOOP"})
    void valueForACommandThatHasNone(Op op) {
        TestCommand c =
                TestCommand.of(op, op == Op.NOOP ? null : "k").value("v").opaque(1);
        rejects(meta, c, "VA 1 O1\r\nx\r\n", "unexpected value", "VA 1 O1");
    }

    @Test
    void errorLineMeansTheServerDidNotUnderstandUs() {
        rejects(meta, get(1), "ERROR\r\n", "server did not understand GET 'k'", "ERROR\\r\\n");
        rejects(
                meta,
                TestCommand.of(Op.SET, "k").value("v").opaque(1),
                "ERROR unknown command\r\n",
                "server did not understand",
                "ERROR unknown command");
        rejects(meta, TestCommand.plain(Op.NOOP), "ERROR\r\n", "server did not understand", "ERROR");
        rejects(meta, TestCommand.plain(Op.VERSION), "ERROR\r\n", "server did not understand", "ERROR");
        rejects(meta, TestCommand.plain(Op.STATS), "ERROR\r\n", "server did not understand", "ERROR");
    }

    @Test
    void multiGetOpaqueNotPending() {
        TestCommand mg = TestCommand.multi(Op.GET_MULTI, true, "a", "b", "c").opaque(10);
        rejects(meta, mg, "VA 1 O13\r\nx\r\nMN\r\n", "not one of the pending", "VA 1 O13");
        rejects(meta, mg, "VA 1 O9\r\nx\r\nMN\r\n", "not one of the pending", "VA 1 O9");
        rejects(meta, mg, "VA 1 O11\r\nx\r\nVA 1 O10\r\ny\r\nMN\r\n", "out of order", "VA 1 O10");
        rejects(meta, mg, "VA 1 O11\r\nx\r\nVA 1 O11\r\ny\r\nMN\r\n", "out of order", "VA 1 O11");
        rejects(meta, mg, "VA 1 O99999999999\r\nx\r\nMN\r\n", "opaque does not match", "VA 1 O99999999999");
    }

    @Test
    void multiGetLineWithoutOpaque() {
        TestCommand mg = TestCommand.multi(Op.GET_MULTI, true, "a", "b").opaque(1);
        rejects(meta, mg, "VA 1 f1\r\nx\r\nMN\r\n", "without the opaque", "VA 1 f1");
    }

    @Test
    void multiGetMissLineIsNotExpectedSinceMissesAreQuiet() {
        TestCommand mg = TestCommand.multi(Op.GET_MULTI, true, "a", "b").opaque(1);
        rejects(meta, mg, "EN O1\r\nMN\r\n", "unexpected reply in multi-get", "EN O1");
        rejects(meta, mg, "HD O1\r\nMN\r\n", "unexpected reply in multi-get", "HD O1");
        rejects(meta, mg, "MN O1\r\n", "unexpected reply in multi-get", "MN O1");
    }

    @Test
    void multiGetErrorLineFailsTheWholeBatch() {
        TestCommand mg = TestCommand.multi(Op.GET_MULTI, true, "a", "b").opaque(1);
        rejects(
                meta,
                mg,
                "SERVER_ERROR out of memory\r\nMN\r\n",
                "error inside a quiet multi-get of 2 keys",
                "SERVER_ERROR out of memory");
        rejects(
                meta,
                mg,
                "VA 1 O1\r\nx\r\nCLIENT_ERROR bad data chunk\r\nMN\r\n",
                "error inside a quiet multi-get",
                "CLIENT_ERROR bad data chunk");
        rejects(meta, mg, "ERROR\r\nMN\r\n", "server did not understand", "ERROR");
    }

    @Test
    void statsStrictness() {
        rejects(meta, TestCommand.plain(Op.STATS), "STAT \r\nEND\r\n", "stats line without a name", "STAT \\r\\n");
        rejects(meta, TestCommand.plain(Op.STATS), "STAT a 1\r\nOK\r\n", "unexpected line in stats", "OK");
        rejects(
                meta,
                TestCommand.plain(Op.STATS),
                "STAT a 1\r\nSERVER_ERROR x\r\n",
                "unexpected line in stats",
                "SERVER_ERROR x");
        rejects(meta, TestCommand.plain(Op.STATS), "OK\r\n", "unexpected reply", "OK");
    }

    @Test
    void versionAndOk() {
        rejects(meta, TestCommand.plain(Op.VERSION), "VERSION\r\n", "unexpected reply", "VERSION");
        rejects(meta, TestCommand.plain(Op.FLUSH_ALL), "OKAY\r\n", "unexpected reply", "OKAY");
    }
}
