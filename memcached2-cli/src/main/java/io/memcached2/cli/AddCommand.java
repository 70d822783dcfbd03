package io.memcached2.cli;

import io.memcached2.Memcache;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code mc add}: Stores a value only if the key is absent (exit 3 if present). */
@Command(
        name = "add",
        mixinStandardHelpOptions = true,
        description = "Stores a value only if the key is absent (exit 3 if present).")
final class AddCommand extends StoreCommand {
    @Mixin
    private ItemOptions item;

    @Override
    void store(Memcache<byte[]> client, String key, byte[] bytes) {
        client.add(key, bytes, item.toStore());
    }
}
