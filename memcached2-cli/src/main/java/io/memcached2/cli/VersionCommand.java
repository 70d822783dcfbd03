package io.memcached2.cli;

import io.memcached2.Memcache;
import io.memcached2.ServerAddress;
import io.memcached2.cli.support.ExitCodes;
import io.memcached2.cli.support.Json;
import io.memcached2.cli.support.Table;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mc version}: each server's memcached version ({@code mc --version} is the tool's own). */
@Command(
        name = "version",
        mixinStandardHelpOptions = true,
        description = {
            "Prints each server's memcached version (mc --version prints this tool's).",
            "A server that does not answer is reported on stderr (exit 4)."
        })
final class VersionCommand extends ClientCommand {
    @Option(
            names = "--json",
            description = "Print {\"server URI\": \"version\"}; null for a server that did not " + "answer.")
    private boolean json;

    @Override
    int run(Memcache<byte[]> client) {
        Map<ServerAddress, String> versions = client.version();
        Map<String, Object> doc = new LinkedHashMap<>();
        Table table = new Table("SERVER", "VERSION");
        int down = 0;
        for (ServerAddress server : mc.servers()) {
            String v = versions.get(server);
            doc.put(server.toString(), v);
            table.row(server, v == null ? "down" : v);
            if (v == null) {
                warn("server " + server + " did not answer");
                down++;
            }
        }
        if (json) {
            out().println(Json.render(doc));
        } else {
            table.print(out(), 0);
        }
        return down == 0 ? ExitCodes.OK : ExitCodes.UNAVAILABLE;
    }
}
