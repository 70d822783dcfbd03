package io.memcached2.cli;

import io.memcached2.Memcache;
import io.memcached2.Store;
import io.memcached2.cli.support.DurationConverter;
import io.memcached2.cli.support.ExitCodes;
import java.time.Duration;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The shape shared by set, add, replace, append and prepend: a key, a value from the argument or stdin. */
abstract class StoreCommand extends ClientCommand {
    @Parameters(index = "0", paramLabel = "KEY", description = "The key.")
    String key;

    @Parameters(
            index = "1",
            arity = "0..1",
            paramLabel = "VALUE",
            description = "The value; read from standard input when absent or '-'.")
    String value;

    @Override
    final int run(Memcache<byte[]> client) throws Exception {
        store(client, key, ValueArgument.read(value, mc.streams().in()));
        return ExitCodes.OK;
    }

    /** Stores the value the way this command does; throws the library's exception when refused. */
    abstract void store(Memcache<byte[]> client, String key, byte[] bytes);

    /** The --ttl and --flags options of the commands that store a whole item. */
    static final class ItemOptions {
        @Option(
                names = {"-t", "--ttl"},
                paramLabel = "DURATION",
                converter = DurationConverter.class,
                description = "Time to live: 30s, 5m, 1h, 2d, or seconds (default: never expires).")
        Duration ttl = Duration.ZERO;

        @Option(
                names = {"-f", "--flags"},
                paramLabel = "N",
                description = "Client flags, 0 to 4294967295.")
        Long flags;

        /** @return the store options these flags ask for */
        Store toStore() {
            Store s = Store.ttl(ttl);
            if (flags != null) {
                if (flags < 0 || flags > 0xFFFF_FFFFL) {
                    throw new IllegalArgumentException("--flags must be between 0 and 4294967295: " + flags);
                }
                s = s.flags((int) (long) flags);
            }
            return s;
        }
    }
}
