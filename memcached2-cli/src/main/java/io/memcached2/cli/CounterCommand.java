package io.memcached2.cli;

import io.memcached2.Memcache;
import io.memcached2.cli.support.DurationConverter;
import io.memcached2.cli.support.ExitCodes;
import io.memcached2.cli.support.Json;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The shape shared by incr and decr: a key, a delta, an optional initial value; prints the new value. */
abstract class CounterCommand extends ClientCommand {
    @Parameters(index = "0", paramLabel = "KEY", description = "The counter's key.")
    private String key;

    @Parameters(index = "1", arity = "0..1", paramLabel = "DELTA", description = "The amount (default: 1).")
    private long delta = 1;

    @Option(
            names = "--initial",
            paramLabel = "N",
            description = "Create the counter at N when absent, instead of failing with exit 1.")
    private Long initial;

    @Option(
            names = {"-t", "--ttl"},
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Time to live of a counter created by --initial (default: never expires).")
    private Duration ttl = Duration.ZERO;

    @Option(names = "--json", description = "Print {\"key\": value}.")
    private boolean json;

    @Override
    final int run(Memcache<byte[]> client) {
        if (delta < 0 || (initial != null && initial < 0)) {
            throw new IllegalArgumentException("DELTA and --initial must not be negative");
        }
        long value = initial == null ? apply(client, key, delta) : create(client, key, delta, initial, ttl);
        String text = Long.toUnsignedString(value);
        out().println(json ? Json.render(Map.of(key, new BigInteger(text))) : text);
        return ExitCodes.OK;
    }

    /** @return the new value after applying the delta to an existing counter */
    abstract long apply(Memcache<byte[]> client, String key, long delta);

    /** @return the new value, the counter being created at {@code initial} when absent */
    abstract long create(Memcache<byte[]> client, String key, long delta, long initial, Duration ttl);
}
