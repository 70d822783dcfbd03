package io.memcached2.cli;

import io.memcached2.Memcache;
import picocli.CommandLine.Command;

/** {@code mc append}: Appends to the value of an existing key (exit 3 if absent). */
@Command(
        name = "append",
        mixinStandardHelpOptions = true,
        description = "Appends to the value of an existing key (exit 3 if absent).")
final class AppendCommand extends StoreCommand {
    @Override
    void store(Memcache<byte[]> client, String key, byte[] bytes) {
        client.append(key, bytes);
    }
}
