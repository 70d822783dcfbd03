package io.memcached2.cli;

import io.memcached2.Memcache;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code mc set}: Stores a value unconditionally. */
@Command(name = "set", mixinStandardHelpOptions = true, description = "Stores a value unconditionally.")
final class SetCommand extends StoreCommand {
    @Mixin
    private ItemOptions item;

    @Override
    void store(Memcache<byte[]> client, String key, byte[] bytes) {
        client.set(key, bytes, item.toStore());
    }
}
