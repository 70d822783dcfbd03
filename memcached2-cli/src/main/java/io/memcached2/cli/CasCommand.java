package io.memcached2.cli;

import io.memcached2.Memcache;
import io.memcached2.cli.support.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code mc cas}: stores only if the item still has the CAS unique read earlier ({@code mc get --json}). */
@Command(
        name = "cas",
        mixinStandardHelpOptions = true,
        description = {
            "Stores a value only if the item still has the CAS unique read earlier (mc get --json).",
            "Exit 3 if the item changed since, exit 1 if it is gone."
        })
final class CasCommand extends ClientCommand {
    @Parameters(index = "0", paramLabel = "KEY", description = "The key.")
    private String key;

    @Parameters(index = "1", paramLabel = "UNIQUE", description = "The CAS unique, as mc get --json printed it.")
    private String unique;

    @Parameters(
            index = "2",
            arity = "0..1",
            paramLabel = "VALUE",
            description = "The value; read from standard input when absent or '-'.")
    private String value;

    @Mixin
    private StoreCommand.ItemOptions item;

    @Override
    int run(Memcache<byte[]> client) throws Exception {
        long cas;
        try {
            cas = Long.parseUnsignedLong(unique);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("CAS unique must be an unsigned 64-bit number: '" + unique + "'");
        }
        client.cas(key, ValueArgument.read(value, mc.streams().in()), cas, item.toStore());
        return ExitCodes.OK;
    }
}
