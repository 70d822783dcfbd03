package io.memcached2.cli;

import io.memcached2.ServerStats;
import io.memcached2.cli.support.Human;
import io.memcached2.cli.support.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The readable summary of the general statistics: the figures people look at first, with units. */
final class GeneralStatsTable {
    private record Row(String label, Function<ServerStats, String> value) {}

    private static final List<Row> ROWS = List.of(
            new Row("version", s -> s.get("version")),
            new Row("uptime", s -> Human.duration(s.number("uptime"))),
            new Row("connections", s -> Human.count(s.number("curr_connections"))),
            new Row("items", s -> Human.count(s.number("curr_items"))),
            new Row(
                    "memory used",
                    s -> Human.bytes(s.number("bytes")) + " of " + Human.bytes(s.number("limit_maxbytes"))),
            new Row("gets", s -> Human.count(s.number("cmd_get"))),
            new Row("get hit ratio", s -> Human.ratio(s.number("get_hits"), s.number("cmd_get"))),
            new Row("sets", s -> Human.count(s.number("cmd_set"))),
            new Row("evictions", s -> Human.count(s.number("evictions"))),
            new Row("bytes read", s -> Human.bytes(s.number("bytes_read"))),
            new Row("bytes written", s -> Human.bytes(s.number("bytes_written"))),
            new Row("threads", s -> s.get("threads")));

    private GeneralStatsTable() {}

    /**
     * @param servers the servers, as column titles
     * @param stats each server's statistics, null for one that did not answer
     * @return the table
     */
    static Table of(List<String> servers, List<ServerStats> stats) {
        List<String> header = new ArrayList<>();
        header.add("");
        header.addAll(servers);
        Table table = new Table(header.toArray(new String[0]));
        for (Row row : ROWS) {
            Object[] cells = new Object[servers.size() + 1];
            cells[0] = row.label();
            for (int i = 0; i < servers.size(); i++) {
                cells[i + 1] = cell(row, stats.get(i));
            }
            table.row(cells);
        }
        return table;
    }

    private static String cell(Row row, ServerStats s) {
        if (s == null) {
            return "down";
        }
        try {
            String v = row.value().apply(s);
            return v == null ? "-" : v;
        } catch (IllegalArgumentException missing) {
            // Older servers and proxies leave some statistics out; a gap is better than no table.
            return "-";
        }
    }
}
