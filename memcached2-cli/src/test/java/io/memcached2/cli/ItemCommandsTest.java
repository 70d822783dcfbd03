package io.memcached2.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcached2.cli.support.ExitCodes;
import io.memcached2.testkit.MemcachedExtension;
import io.memcached2.testkit.MemcachedServer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** get, set, add, replace, append, prepend, cas, delete and touch against a real memcached. */
@ExtendWith(MemcachedExtension.class)
class ItemCommandsTest {

    @Test
    void setThenGetPrintsTheValueAndANewline(MemcachedServer server) {
        assertThat(McRun.against(server, "set", "greeting", "hello world").exitCode())
                .isZero();

        McRun get = McRun.against(server, "get", "greeting");
        assertThat(get.exitCode()).isZero();
        assertThat(get.out()).isEqualTo("hello world\n");
        assertThat(McRun.against(server, "get", "-n", "greeting").out()).isEqualTo("hello world");
    }

    @Test
    void setReadsTheValueFromStdinByteForByte(MemcachedServer server) {
        byte[] binary = {0, 1, 2, (byte) 0xff, '\r', '\n', 'x'};
        assertThat(McRun.withStdin(server, binary, "set", "blob").exitCode()).isZero();
        assertThat(McRun.withStdin(server, "dash".getBytes(StandardCharsets.UTF_8), "set", "d", "-")
                        .exitCode())
                .isZero();

        assertThat(McRun.against(server, "get", "-n", "blob").outBytes()).isEqualTo(binary);
        assertThat(McRun.against(server, "get", "d").out()).isEqualTo("dash\n");
        assertThat(McRun.against(server, "get", "--json", "blob").out()).contains("\"value_base64\":\"AAEC/w0KeA==\"");
    }

    @Test
    void aMissExitsOneWithOneLine(MemcachedServer server) {
        McRun get = McRun.against(server, "get", "absent");
        assertThat(get.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(get.out()).isEmpty();
        assertThat(get.err()).isEqualTo("mc get: no value for key 'absent'\n");
    }

    @Test
    void getOfSeveralKeysPrintsHitsAndReportsMisses(MemcachedServer server) {
        McRun.against(server, "set", "a", "1");
        McRun.against(server, "set", "b", "2");

        McRun get = McRun.against(server, "get", "a", "b", "c");
        assertThat(get.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(get.out()).isEqualTo("a 1\nb 2\n");
        assertThat(get.err()).contains("no value for key 'c'");
        assertThat(McRun.against(server, "get", "a", "b").exitCode()).isZero();
    }

    @Test
    void getJsonShowsFlagsAndCas(MemcachedServer server) {
        McRun.against(server, "set", "--flags", "42", "--ttl", "1h", "k", "v");

        McRun get = McRun.against(server, "get", "--json", "k");
        assertThat(get.exitCode()).isZero();
        assertThat(get.out()).matches("\\{\"k\":\\{\"value\":\"v\",\"flags\":42,\"cas\":\\d+}}\\n");
    }

    @Test
    void addAndReplaceAreRefusedWithExitThree(MemcachedServer server) {
        assertThat(McRun.against(server, "replace", "k", "v").exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(McRun.against(server, "add", "k", "v").exitCode()).isZero();
        McRun again = McRun.against(server, "add", "k", "w");
        assertThat(again.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(again.err())
                .startsWith("mc add: ")
                .doesNotContain("Exception")
                .hasLineCount(1);
        assertThat(McRun.against(server, "replace", "k", "x").exitCode()).isZero();
        assertThat(McRun.against(server, "get", "k").out()).isEqualTo("x\n");
    }

    @Test
    void appendAndPrependExtendAnExistingValue(MemcachedServer server) {
        assertThat(McRun.against(server, "append", "k", "tail").exitCode()).isEqualTo(ExitCodes.REFUSED);
        McRun.against(server, "set", "k", "middle");
        assertThat(McRun.against(server, "append", "k", ">").exitCode()).isZero();
        assertThat(McRun.against(server, "prepend", "k", "<").exitCode()).isZero();
        assertThat(McRun.against(server, "get", "k").out()).isEqualTo("<middle>\n");
    }

    @Test
    void casStoresOnlyWithTheCurrentUnique(MemcachedServer server) {
        McRun.against(server, "set", "k", "v1");
        String json = McRun.against(server, "get", "--json", "k").out();
        String unique = json.replaceAll(".*\"cas\":(\\d+).*\\s*", "$1");

        assertThat(McRun.against(server, "cas", "k", unique, "v2").exitCode()).isZero();
        McRun stale = McRun.against(server, "cas", "k", unique, "v3");
        assertThat(stale.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(McRun.against(server, "get", "k").out()).isEqualTo("v2\n");
        assertThat(McRun.against(server, "cas", "gone", "1", "v").exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(McRun.against(server, "cas", "k", "not-a-number", "v").exitCode())
                .isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void deleteReportsKeysThatWereNotThere(MemcachedServer server) {
        McRun.against(server, "set", "k", "v");

        McRun delete = McRun.against(server, "delete", "k", "nope");
        assertThat(delete.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(delete.err()).isEqualTo("mc delete: no such key 'nope'\n");
        assertThat(McRun.against(server, "get", "k").exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        McRun.against(server, "set", "k", "v");
        assertThat(McRun.against(server, "delete", "--all-servers", "k").exitCode())
                .isZero();
    }

    @Test
    void touchSetsANewTtlAndReportsAMissingKey(MemcachedServer server) {
        McRun.against(server, "set", "k", "v");
        assertThat(McRun.against(server, "touch", "k", "10m").exitCode()).isZero();
        assertThat(McRun.against(server, "touch", "nope", "10").exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    }
}
