package io.memcached2.cli;

import io.memcached2.Memcache;
import io.memcached2.cli.support.ExitCodes;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mc delete}: deletes keys; a key that was not there is reported and makes the exit code 1. */
@Command(
        name = "delete",
        mixinStandardHelpOptions = true,
        description = "Deletes keys. A key that was not there is reported on stderr (exit 1).")
final class DeleteCommand extends ClientCommand {
    @Parameters(paramLabel = "KEY", arity = "1..*", description = "The keys to delete.")
    private List<String> keys;

    @Option(
            names = "--all-servers",
            description = "Delete from every server, not only the one the key maps to (after the server list changed).")
    private boolean allServers;

    @Override
    int run(Memcache<byte[]> client) {
        int code = ExitCodes.OK;
        for (String key : keys) {
            if (!deleted(client, key)) {
                warn("no such key '" + key + "'");
                code = ExitCodes.NOT_FOUND;
            }
        }
        return code;
    }

    private boolean deleted(Memcache<byte[]> client, String key) {
        return allServers ? client.deleteAll(key) : client.delete(key);
    }
}
