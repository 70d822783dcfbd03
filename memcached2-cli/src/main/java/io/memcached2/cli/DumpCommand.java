package io.memcached2.cli;

import io.memcached2.ServerAddress;
import io.memcached2.cli.support.ExitCodes;
import io.memcached2.cli.support.Json;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code mc dump}: lists the keys each server holds, through memcached's LRU crawler. */
@Command(
        name = "dump",
        mixinStandardHelpOptions = true,
        description = {
            "Lists the keys each server holds (lru_crawler metadump all; memcached 1.5.19 or later).",
            "Items expired or evicted during the crawl may or may not appear."
        })
final class DumpCommand implements Callable<Integer> {
    @ParentCommand
    private McCommand mc;

    @Option(
            names = {"-l", "--long"},
            description = "Also print size, expiry, last access and slab class.")
    private boolean longFormat;

    @Option(names = "--limit", paramLabel = "N", description = "Stop after N keys per server.")
    private long limit = Long.MAX_VALUE;

    @Option(
            names = "--json",
            description = "Print one JSON object per line: {\"server\": …, \"key\": …, \"exp\": …, "
                    + "\"la\": …, \"cas\": …, \"fetch\": …, \"cls\": …, \"size\": …}.")
    private boolean json;

    @Override
    public Integer call() {
        if (limit < 1) {
            throw new IllegalArgumentException("--limit must be at least 1: " + limit);
        }
        // The crawler may stay silent for a while on a large cache before its first line.
        MetadumpReader reader =
                new MetadumpReader(mc.connectTimeout(), mc.timeout().multipliedBy(10));
        for (ServerAddress server : mc.servers()) {
            long[] printed = {0};
            reader.dump(server, fields -> {
                print(server, fields);
                return ++printed[0] < limit;
            });
        }
        mc.streams().out().flush();
        return ExitCodes.OK;
    }

    private void print(ServerAddress server, Map<String, String> fields) {
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("server", server.toString());
            fields.forEach(
                    (name, value) -> doc.put(name, name.equals("key") || name.equals("fetch") ? value : number(value)));
            mc.streams().out().println(Json.render(doc));
        } else if (longFormat) {
            mc.streams()
                    .out()
                    .println(fields.get("key") + "\tsize=" + fields.get("size") + "\texp=" + time(fields.get("exp"))
                            + "\tla=" + time(fields.get("la")) + "\tcls=" + fields.get("cls"));
        } else {
            mc.streams().out().println(fields.get("key"));
        }
    }

    private static Object number(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return value;
        }
    }

    private static String time(String unixSeconds) {
        if (unixSeconds == null) {
            return "-";
        }
        long t = Long.parseLong(unixSeconds);
        return t < 0 ? "never" : Instant.ofEpochSecond(t).toString();
    }
}
