package io.memcached2.cli;

import io.memcached2.Memcache;
import picocli.CommandLine.Command;

/** {@code mc prepend}: Prepends to the value of an existing key (exit 3 if absent). */
@Command(
        name = "prepend",
        mixinStandardHelpOptions = true,
        description = "Prepends to the value of an existing key (exit 3 if absent).")
final class PrependCommand extends StoreCommand {
    @Override
    void store(Memcache<byte[]> client, String key, byte[] bytes) {
        client.prepend(key, bytes);
    }
}
