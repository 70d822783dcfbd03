package io.memcached2.cli;

import io.memcached2.Item;
import io.memcached2.Memcache;
import io.memcached2.MultiRetrieveException;
import io.memcached2.NoValue;
import io.memcached2.cli.support.ExitCodes;
import io.memcached2.cli.support.Json;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mc get}: prints values, as they are stored (one key) or one {@code key value} line per hit. */
@Command(
        name = "get",
        mixinStandardHelpOptions = true,
        description = {
            "Prints the value of a key exactly as stored, followed by a newline.",
            "With several keys: one 'key value' line per hit. A miss is reported on stderr (exit 1); a key whose "
                    + "server failed too (exit 4)."
        })
final class GetCommand extends ClientCommand {
    @Parameters(paramLabel = "KEY", arity = "1..*", description = "The keys to read.")
    private List<String> keys;

    @Option(
            names = {"-n", "--no-newline"},
            description = "Do not print a newline after a single value.")
    private boolean noNewline;

    @Option(
            names = "--json",
            description = "Print {\"key\": {\"value\": …, \"flags\": …, \"cas\": …}} "
                    + "(value_base64 instead of value for binary values).")
    private boolean json;

    @Override
    int run(Memcache<byte[]> client) throws Exception {
        Map<String, Throwable> failed = Map.of();
        Map<String, Item<byte[]>> hits;
        if (keys.size() == 1) {
            hits = single(client, keys.get(0));
        } else {
            try {
                hits = client.getsMulti(keys);
            } catch (MultiRetrieveException partly) {
                // Keys on the servers that answered are still worth printing; the others are reported below.
                hits = partly.hits();
                failed = partly.failures();
            }
        }
        if (json) {
            printJson(hits);
        } else if (keys.size() == 1 && !hits.isEmpty()) {
            out().write(hits.values().iterator().next().value());
            if (!noNewline) {
                out().println();
            }
        } else {
            for (Item<byte[]> item : hits.values()) {
                out().print(item.key() + " ");
                out().write(item.value());
                out().println();
            }
        }
        out().flush();
        for (String key : keys) {
            if (failed.containsKey(key)) {
                warn("could not read key '" + key + "': " + failed.get(key).getMessage());
            } else if (!hits.containsKey(key)) {
                warn("no value for key '" + key + "'");
            }
        }
        if (!failed.isEmpty()) {
            return ExitCodes.UNAVAILABLE;
        }
        return hits.size() == keys.stream().distinct().count() ? ExitCodes.OK : ExitCodes.NOT_FOUND;
    }

    private static Map<String, Item<byte[]>> single(Memcache<byte[]> client, String key) {
        try {
            return Map.of(key, client.gets(key));
        } catch (NoValue miss) {
            return Map.of();
        }
    }

    private void printJson(Map<String, Item<byte[]>> hits) {
        Map<String, Object> doc = new LinkedHashMap<>();
        for (Item<byte[]> item : hits.values()) {
            Map<String, Object> fields = new LinkedHashMap<>();
            Json.putValue(fields, item.value());
            fields.put("flags", Integer.toUnsignedLong(item.flags()));
            fields.put("cas", new BigInteger(Long.toUnsignedString(item.cas())));
            doc.put(item.key(), fields);
        }
        out().println(Json.render(doc));
    }
}
