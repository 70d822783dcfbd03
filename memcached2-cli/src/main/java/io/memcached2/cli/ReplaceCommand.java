package io.memcached2.cli;

import io.memcached2.Memcache;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code mc replace}: Stores a value only if the key is present (exit 3 if absent). */
@Command(
        name = "replace",
        mixinStandardHelpOptions = true,
        description = "Stores a value only if the key is present (exit 3 if absent).")
final class ReplaceCommand extends StoreCommand {
    @Mixin
    private ItemOptions item;

    @Override
    void store(Memcache<byte[]> client, String key, byte[] bytes) {
        client.replace(key, bytes, item.toStore());
    }
}
