package io.memcached2.cli.top;

import io.memcached2.ServerStats;
import io.memcached2.cli.support.Human;
import io.memcached2.cli.support.Table;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders a frame of {@code mc top}: a table with one row per server for a terminal, or one line of
 * {@code name=value} fields per server otherwise (easy to read and to parse).
 */
final class TopView {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private TopView() {}

    /**
     * @param servers the servers, in the order of the samples
     * @param before the previous sample, a null entry for a server that did not answer
     * @param after this sample, likewise
     * @param seconds time between the samples
     * @param interval the refresh interval, for the heading
     * @return the terminal frame
     */
    static List<String> table(
            List<String> servers, List<ServerStats> before, List<ServerStats> after, double seconds, String interval) {
        Table table = new Table("server", "gets/s", "sets/s", "hit ratio", "evictions", "memory used", "conns");
        for (int i = 0; i < servers.size(); i++) {
            if (before.get(i) == null || after.get(i) == null) {
                table.row(servers.get(i), "down", "", "", "", "", "");
                continue;
            }
            ServerRates r = ServerRates.between(before.get(i), after.get(i), seconds);
            table.row(
                    servers.get(i),
                    rate(r.getsPerSecond()),
                    rate(r.setsPerSecond()),
                    hit(r),
                    Human.count(r.evictions())
                            + (r.newEvictions() > 0 ? " (+" + Human.count(r.newEvictions()) + ")" : ""),
                    Human.bytes(r.bytesUsed()) + " of " + Human.bytes(r.bytesLimit()),
                    Human.count(r.connections()));
        }
        List<String> lines = new ArrayList<>();
        lines.add("mc top: " + servers.size() + (servers.size() == 1 ? " server" : " servers") + ", every " + interval
                + " (Ctrl-C to stop)   " + LocalTime.now().format(CLOCK));
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (PrintStream ps = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            table.print(ps, 0);
        }
        buffer.toString(StandardCharsets.UTF_8).lines().forEach(lines::add);
        return lines;
    }

    /**
     * @param servers the servers, in the order of the samples
     * @param before the previous sample, a null entry for a server that did not answer
     * @param after this sample, likewise
     * @param seconds time between the samples
     * @return one line per server
     */
    static List<String> lines(List<String> servers, List<ServerStats> before, List<ServerStats> after, double seconds) {
        String now = LocalTime.now().format(CLOCK);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < servers.size(); i++) {
            if (before.get(i) == null || after.get(i) == null) {
                lines.add(now + " " + servers.get(i) + " down");
                continue;
            }
            ServerRates r = ServerRates.between(before.get(i), after.get(i), seconds);
            lines.add(String.format(
                    Locale.ROOT,
                    "%s %s gets/s=%.1f sets/s=%.1f hit=%s evictions=%d new_evictions=%d "
                            + "bytes=%d limit=%d conns=%d",
                    now,
                    servers.get(i),
                    r.getsPerSecond(),
                    r.setsPerSecond(),
                    r.hitPercent() < 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", r.hitPercent()),
                    r.evictions(),
                    r.newEvictions(),
                    r.bytesUsed(),
                    r.bytesLimit(),
                    r.connections()));
        }
        return lines;
    }

    private static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%,.1f", perSecond);
    }

    private static String hit(ServerRates r) {
        return r.hitPercent() < 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", r.hitPercent());
    }
}
