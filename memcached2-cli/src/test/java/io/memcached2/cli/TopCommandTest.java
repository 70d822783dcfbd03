package io.memcached2.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcached2.Memcache;
import io.memcached2.NoValue;
import io.memcached2.Transcoders;
import io.memcached2.cli.support.ExitCodes;
import io.memcached2.testkit.MemcachedExtension;
import io.memcached2.testkit.MemcachedServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * mc top and mc stats --watch off a terminal, in-process against two real servers under traffic: one parseable line
 * per server and refresh, with rates from the statistics' deltas.
 */
@ExtendWith(MemcachedExtension.class)
class TopCommandTest {
    private static final Pattern LINE = Pattern.compile("\\d\\d:\\d\\d:\\d\\d (\\S+) gets/s=([\\d.]+) sets/s=([\\d.]+) "
            + "hit=(-|[\\d.]+%) evictions=(\\d+) new_evictions=(\\d+) bytes=(\\d+) limit=(\\d+) conns=(\\d+)");

    @Test
    void topPrintsOneLinePerServerAndRefreshWithRatesFromTheTraffic(List<MemcachedServer> servers) throws Exception {
        List<Sample> samples = underTraffic(servers, "top", "--interval", "300ms", "--count", "4");

        assertThat(samples).hasSize(8);
        for (MemcachedServer server : servers) {
            List<Sample> mine = samples.stream()
                    .filter(s -> s.server().equals(server.uri()))
                    .toList();
            assertThat(mine).hasSize(4);
            assertThat(mine).anySatisfy(s -> {
                assertThat(s.gets()).isPositive();
                assertThat(s.sets()).isPositive();
                assertThat(s.hit()).endsWith("%");
            });
            assertThat(mine).allSatisfy(s -> {
                assertThat(s.limit()).isEqualTo(64L << 20);
                assertThat(s.conns()).isPositive();
            });
            assertThat(mine.get(3).bytes()).isPositive();
        }
    }

    @Test
    void statsWatchIsTheSameLiveView(List<MemcachedServer> servers) throws Exception {
        List<Sample> samples = underTraffic(servers, "stats", "--watch", "--interval", "200ms", "--count", "2");

        assertThat(samples)
                .hasSize(4)
                .extracting(Sample::server)
                .containsOnly(servers.get(0).uri(), servers.get(1).uri());
    }

    @Test
    void aServerThatDoesNotAnswerIsShownDown(MemcachedServer server) {
        McRun run = McRun.run(
                new byte[0],
                Map.of(),
                "--servers",
                server.uri() + ",127.0.0.1:1",
                "--timeout",
                "5s",
                "--connect-timeout",
                "5s",
                "top",
                "--interval",
                "100ms",
                "--count",
                "1");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines().toList())
                .hasSize(2)
                .anySatisfy(l -> assertThat(l).matches("\\d\\d:\\d\\d:\\d\\d memcached://127\\.0\\.0\\.1:1/ down"))
                .anySatisfy(l -> assertThat(LINE.matcher(l).matches()).isTrue());
    }

    @Test
    void refusesAnIntervalThatIsNotPositiveAndWatchWithAnotherView(MemcachedServer server) {
        McRun zero = McRun.against(server, "top", "--interval", "0s");
        assertThat(zero.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(zero.err()).isEqualTo("mc top: --interval must be positive: PT0S\n");
        McRun raw = McRun.against(server, "stats", "--watch", "--raw");
        assertThat(raw.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(raw.err()).contains("--watch shows the live view");
    }

    /** Runs mc with the arguments while gets and sets go to every server, until it returns (within a bound). */
    private static List<Sample> underTraffic(List<MemcachedServer> servers, String... args) throws Exception {
        String uris =
                String.join(",", servers.stream().map(MemcachedServer::uri).toList());
        List<String> all = new ArrayList<>(List.of("--servers", uris, "--timeout", "5s", "--connect-timeout", "5s"));
        all.addAll(List.of(args));
        CompletableFuture<McRun> run =
                CompletableFuture.supplyAsync(() -> McRun.run(new byte[0], Map.of(), all.toArray(new String[0])));
        try (Memcache<byte[]> client = Memcache.builder(Transcoders.bytes())
                .servers(servers.stream().map(MemcachedServer::uri).toList())
                .operationTimeout(Duration.ofSeconds(5))
                .build()) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            for (int i = 0; !run.isDone() && System.nanoTime() < deadline; i++) {
                client.set("top:" + (i % 100), new byte[100]);
                try {
                    client.get("top:" + (i * 7 % 150));
                } catch (NoValue miss) {
                    // a third of the keys are never set: the hit ratio is below 100 %
                }
            }
        }
        McRun done = run.get(60, TimeUnit.SECONDS);
        assertThat(done.exitCode()).as(done.err()).isZero();
        List<Sample> samples = new ArrayList<>();
        for (String line : done.out().lines().toList()) {
            Matcher m = LINE.matcher(line);
            assertThat(m.matches()).as(line).isTrue();
            samples.add(new Sample(
                    m.group(1),
                    Double.parseDouble(m.group(2)),
                    Double.parseDouble(m.group(3)),
                    m.group(4),
                    Long.parseLong(m.group(7)),
                    Long.parseLong(m.group(8)),
                    Long.parseLong(m.group(9))));
        }
        return samples;
    }

    private record Sample(String server, double gets, double sets, String hit, long bytes, long limit, long conns) {}
}
