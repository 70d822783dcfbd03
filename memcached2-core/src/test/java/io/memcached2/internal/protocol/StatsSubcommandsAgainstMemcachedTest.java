package io.memcached2.internal.protocol;

import static io.memcached2.internal.protocol.RealServerHarness.exact;
import static org.assertj.core.api.Assertions.assertThat;

import io.memcached2.testkit.MemcachedConfig;
import io.memcached2.testkit.MemcachedExtension;
import io.memcached2.testkit.MemcachedServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every stats sub-command of memcached 1.6.18, sent to the real server by both dialects: the reply recorded is the
 * one written down in StatsArguments, and it decodes (however it is split) to a complete reply that leaves the stream
 * at the next reply.
 */
@ExtendWith(MemcachedExtension.class)
class StatsSubcommandsAgainstMemcachedTest {
    private static List<Dialect> dialects() {
        return List.of(new TextDialect(1 << 20), new MetaDialect(1 << 20, false));
    }

    private static TestCommand stats(String arg) {
        return TestCommand.plain(Op.STATS).arg(arg);
    }

    private static void ok(TestCommand c) {
        assertThat(c.status).isEqualTo(Status.OK);
        assertThat(c.poisonsConnection).isFalse();
    }

    @Test
    void everySubcommandDecodes(MemcachedServer server) throws Exception {
        for (Dialect d : dialects()) {
            try (RawSession session = new RawSession(server)) {
                RealServerHarness h = new RealServerHarness(session, d);
                h.rawReply("set foo:bar 0 0 1\r\nx\r\n", exact("STORED\r\n"));
                h.run(stats(null), "(STAT [^\r\n]+\r\n)+END\r\n", c -> {
                    ok(c);
                    assertThat(c.stats).containsEntry("version", "1.6.18");
                });
                for (String kind : List.of("items", "slabs", "settings", "conns")) {
                    h.run(stats(kind), "(STAT [^\r\n]+\r\n)+END\r\n", c -> {
                        ok(c);
                        assertThat(c.stats).isNotEmpty();
                    });
                }
                h.run(
                        stats("sizes"),
                        exact("STAT sizes_status disabled\r\nEND\r\n"),
                        c -> assertThat(c.stats).containsExactly(Map.entry("sizes_status", "disabled")));
                h.run(stats("extstore"), exact("END\r\n"), c -> {
                    ok(c);
                    assertThat(c.stats).isEmpty();
                });
                h.run(stats("sizes_enable"), exact("STAT sizes_status enabled\r\n"), c -> {
                    ok(c);
                    assertThat(c.stats).containsExactly(Map.entry("sizes_status", "enabled"));
                });
                h.rawReply("set sized 0 0 3\r\nabc\r\n", exact("STORED\r\n"));
                h.run(
                        stats("sizes"),
                        "STAT [0-9]+ 1\r\nEND\r\n",
                        c -> assertThat(c.stats).containsValue("1"));
                h.run(
                        stats("sizes_disable"),
                        exact("STAT sizes_status disabled\r\n"),
                        c -> assertThat(c.stats).containsExactly(Map.entry("sizes_status", "disabled")));
                h.run(stats("reset"), exact("RESET\r\n"), c -> {
                    ok(c);
                    assertThat(c.stats).isEmpty();
                });
                h.run(stats("detail on"), exact("OK\r\n"), StatsSubcommandsAgainstMemcachedTest::ok);
                h.rawReply("get foo:bar\r\n", exact("VALUE foo:bar 0 1\r\nx\r\nEND\r\n"));
                h.run(stats("detail dump"), exact("PREFIX foo get 1 hit 1 set 0 del 0\r\nEND\r\n"), c -> {
                    ok(c);
                    assertThat(c.stats).containsExactly(Map.entry("foo", "get 1 hit 1 set 0 del 0"));
                });
                h.run(stats("detail off"), exact("OK\r\n"), StatsSubcommandsAgainstMemcachedTest::ok);
                String dump = coldItems(h, "stats cachedump 1 10\r\n", 2);
                assertThat(Feed.encode(d, stats("cachedump 1 10"))).isEqualTo("stats cachedump 1 10\r\n");
                assertThat(dump)
                        .isIn(
                                "ITEM sized [3 b; 0 s]\r\nITEM foo:bar [1 b; 0 s]\r\nEND\r\n",
                                "ITEM foo:bar [1 b; 0 s]\r\nITEM sized [3 b; 0 s]\r\nEND\r\n");
                Feed.decodeAllWays(d, stats("cachedump 1 10"), dump, "VERSION 1.6.18\r\n", c -> {
                    ok(c);
                    assertThat(c.stats)
                            .containsOnly(Map.entry("sized", "[3 b; 0 s]"), Map.entry("foo:bar", "[1 b; 0 s]"));
                });
                h.run(
                        stats("cachedump 63 0"),
                        exact("END\r\n"),
                        c -> assertThat(c.stats).isEmpty());
                h.run(stats("reset"), exact("RESET\r\n"), StatsSubcommandsAgainstMemcachedTest::ok);
                // the next dialect starts from the same server state
                h.rawReply("delete sized\r\n", exact("DELETED\r\n"));
                h.rawReply("delete foo:bar\r\n", exact("DELETED\r\n"));
            }
        }
    }

    /**
     * cachedump lists the COLD LRU only, and memcached's LRU maintainer moves new items there on its own schedule:
     * asks until {@code count} items are listed.
     */
    private static String coldItems(RealServerHarness h, String request, int count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            String reply = h.rawReply(request, "(ITEM [^\r\n]+\r\n)*END\r\n");
            if (reply.split("ITEM ", -1).length - 1 >= count) {
                return reply;
            }
            assertThat(System.nanoTime() - deadline)
                    .as("%d items listed within 10 s: %s", count, reply)
                    .isNegative();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    @Test
    @MemcachedConfig(extraArgs = "-C")
    void sizesEnableWithoutCasAnswersTwoLines(MemcachedServer server) throws Exception {
        for (Dialect d : dialects()) {
            try (RawSession session = new RawSession(server)) {
                RealServerHarness h = new RealServerHarness(session, d);
                h.run(
                        stats("sizes_enable"),
                        exact("STAT sizes_status error\r\nSTAT sizes_error cas_support_disabled\r\n"),
                        c -> {
                            ok(c);
                            assertThat(c.stats)
                                    .containsExactly(
                                            Map.entry("sizes_status", "error"),
                                            Map.entry("sizes_error", "cas_support_disabled"));
                        });
            }
        }
    }

    @Test
    @MemcachedConfig(extraArgs = "-X")
    void cachedumpRefusedByTheServerKeepsTheConnection(MemcachedServer server) throws Exception {
        for (Dialect d : dialects()) {
            try (RawSession session = new RawSession(server)) {
                RealServerHarness h = new RealServerHarness(session, d);
                h.run(stats("cachedump 1 1"), exact("CLIENT_ERROR stats cachedump not allowed\r\n"), c -> {
                    assertThat(c.status).isEqualTo(Status.CLIENT_ERROR);
                    assertThat(c.text).isEqualTo("CLIENT_ERROR stats cachedump not allowed");
                    assertThat(c.poisonsConnection)
                            .as("a stats line has no data block left to misread")
                            .isFalse();
                });
            }
        }
    }
}
