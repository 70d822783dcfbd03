package io.memcached2.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcached2.cli.support.ExitCodes;
import io.memcached2.testkit.MemcachedExtension;
import io.memcached2.testkit.MemcachedServer;
import io.memcached2.testkit.MemcachedServers;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** flush, stats, version, ping and dump against real memcached servers. */
@ExtendWith(MemcachedExtension.class)
class ServerCommandsTest {

    @Test
    void flushInvalidatesEveryItem(MemcachedServer server) {
        McRun.against(server, "set", "k", "v");

        McRun flush = McRun.against(server, "flush");
        assertThat(flush.exitCode()).isZero();
        assertThat(flush.err()).isEqualTo("flushed 1 server\n");
        assertThat(McRun.against(server, "get", "k").exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(McRun.against(server, "flush", "--delay", "1h").exitCode()).isZero();
    }

    @Test
    void statsPrintsAReadableTablePerServer(@MemcachedServers(count = 2) List<MemcachedServer> servers) {
        String list = servers.get(0).uri() + "," + servers.get(1).uri();
        McRun.run(new byte[0], Map.of(), "--servers", list, "set", "k", "v");

        McRun stats = McRun.run(new byte[0], Map.of(), "--servers", list, "stats");
        assertThat(stats.exitCode()).isZero();
        assertThat(stats.out().lines().findFirst().orElseThrow())
                .contains(servers.get(0).uri(), servers.get(1).uri());
        assertThat(stats.out())
                .containsPattern("(?m)^version +\\d+\\.\\d+\\.\\d+ +\\d+\\.\\d+\\.\\d+$")
                .containsPattern("(?m)^memory used .*MiB");
    }

    @Test
    void statsKindsRawAndJson(MemcachedServer server) {
        McRun.against(server, "set", "k", "v");

        for (String kind : List.of("items", "slabs", "settings", "sizes", "conns")) {
            McRun stats = McRun.against(server, "stats", kind);
            assertThat(stats.exitCode()).as(kind).isZero();
            assertThat(stats.out()).as(kind).startsWith(kind.toUpperCase(Locale.ROOT));
        }
        assertThat(McRun.against(server, "stats", "items").out()).contains("items:1:number");
        McRun raw = McRun.against(server, "stats", "--raw");
        assertThat(raw.out()).containsPattern("(?m)^STAT curr_items 1$").containsPattern("(?m)^STAT pid \\d+$");
        McRun json = McRun.against(server, "stats", "settings", "--json");
        assertThat(json.out()).startsWith("{\"" + server.uri() + "\":{").contains("\"maxbytes\":\"");
        assertThat(McRun.against(server, "stats", "bogus").exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void versionAndPing(MemcachedServer server) {
        McRun version = McRun.against(server, "version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).containsPattern(Pattern.quote(server.uri()) + " +\\d+\\.\\d+");
        assertThat(McRun.against(server, "version", "--json").out())
                .matches("\\{\"" + Pattern.quote(server.uri()) + "\":\"\\d+\\.\\d+\\.\\d+\"}\\n");

        McRun ping = McRun.against(server, "ping", "--count", "2");
        assertThat(ping.exitCode()).isZero();
        assertThat(ping.out()).containsPattern(" up +\\d+\\.\\d+\\.\\d+ +[\\d.]+/[\\d.]+/[\\d.]+ ms");
        assertThat(McRun.against(server, "ping", "--json").out()).contains("\"up\":true", "\"rtt_ms\":{\"min\":");
    }

    @Test
    void dumpListsKeysThroughTheCrawler(MemcachedServer server) {
        McRun.against(server, "set", "plain", "1");
        McRun.against(server, "set", "with%percent", "2");
        McRun.against(server, "set", "--ttl", "1h", "expiring", "3");

        McRun dump = McRun.against(server, "dump");
        assertThat(dump.exitCode()).isZero();
        assertThat(dump.out().lines()).containsExactlyInAnyOrder("plain", "with%percent", "expiring");

        McRun long_ = McRun.against(server, "dump", "--long");
        assertThat(long_.out())
                .containsPattern("(?m)^plain\tsize=\\d+\texp=never\tla=\\S+Z\tcls=1$")
                .containsPattern("(?m)^expiring\tsize=\\d+\texp=\\S+Z\t");
        McRun json = McRun.against(server, "dump", "--json", "--limit", "1");
        assertThat(json.out().lines()).hasSize(1);
        assertThat(json.out())
                .startsWith("{\"server\":\"" + server.uri() + "\",\"key\":\"")
                .contains("\"size\":");
    }
}
