package io.memcached2.cli;

import io.memcached2.Memcache;
import io.memcached2.MemcacheBuilder;
import io.memcached2.Protocol;
import io.memcached2.ServerAddress;
import io.memcached2.Transcoders;
import io.memcached2.cli.bench.BenchCommand;
import io.memcached2.cli.support.CommandContext;
import io.memcached2.cli.support.DurationConverter;
import io.memcached2.cli.support.ExitCodes;
import io.memcached2.cli.support.SelectorConverter;
import io.memcached2.cli.support.Streams;
import io.memcached2.cli.top.TopCommand;
import io.memcached2.routing.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code mc} command: options shared by every subcommand (servers, protocol, placement, timeouts) and the
 * client they configure.
 */
@Command(
        name = "mc",
        mixinStandardHelpOptions = true,
        versionProvider = CliVersion.class,
        description = "Talks to memcached servers with the memcached2 client.",
        footer = {"%nServers come from --servers, else MEMCACHED_SERVERS, else " + McCommand.DEFAULT_SERVER + "."},
        subcommands = {
            GetCommand.class,
            SetCommand.class,
            AddCommand.class,
            ReplaceCommand.class,
            AppendCommand.class,
            PrependCommand.class,
            CasCommand.class,
            DeleteCommand.class,
            IncrCommand.class,
            DecrCommand.class,
            TouchCommand.class,
            FlushCommand.class,
            StatsCommand.class,
            DumpCommand.class,
            PingCommand.class,
            VersionCommand.class,
            BenchCommand.class,
            TopCommand.class
        })
public final class McCommand implements Callable<Integer>, CommandContext {
    /** The environment variable read when --servers is not given. */
    public static final String SERVERS_ENV = "MEMCACHED_SERVERS";
    /** The server used when neither --servers nor MEMCACHED_SERVERS names one. */
    public static final String DEFAULT_SERVER = "memcached://127.0.0.1:11211/";

    private final Streams streams;

    @Spec
    private CommandSpec spec;

    @Option(
            names = {"-s", "--servers"},
            split = ",",
            paramLabel = "URI",
            scope = ScopeType.INHERIT,
            description = "Server URIs, comma-separated or repeated: memcached://host[:port][/][?weight=N], "
                    + "memcached+unix:///path, or host:port (default: $" + SERVERS_ENV + ", else "
                    + DEFAULT_SERVER + ").")
    private List<String> servers = new ArrayList<>();

    @Option(
            names = "--protocol",
            paramLabel = "auto|meta|text|binary",
            scope = ScopeType.INHERIT,
            description = "Wire protocol (default: auto, which probes each connection and never picks binary).")
    private Protocol protocol = Protocol.AUTO;

    @Option(
            names = "--selector",
            paramLabel = "NAME",
            converter = SelectorConverter.class,
            scope = ScopeType.INHERIT,
            description = "Key placement over several servers, a factory of io.memcached2.Selectors "
                    + "(default: the library's, ketama).")
    private Selector selector;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            scope = ScopeType.INHERIT,
            description = "Operation timeout (default: 1s).")
    private Duration timeout = Duration.ofSeconds(1);

    @Option(
            names = "--connect-timeout",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            scope = ScopeType.INHERIT,
            description = "Connect timeout (default: 2s).")
    private Duration connectTimeout = Duration.ofSeconds(2);

    @Option(
            names = {"-v", "--verbose"},
            scope = ScopeType.INHERIT,
            description = "Log connection events and print stack traces of failures.")
    private boolean verbose;

    /** @param streams where the commands read and write */
    public McCommand(Streams streams) {
        this.streams = streams;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(streams.err());
        return ExitCodes.USAGE;
    }

    /** @return where to read and write */
    @Override
    public Streams streams() {
        return streams;
    }

    /** @return whether --verbose was given */
    @Override
    public boolean verbose() {
        return verbose;
    }

    /** @return whether servers were named, by --servers or by MEMCACHED_SERVERS */
    @Override
    public boolean serversGiven() {
        return !servers.isEmpty() || envServers() != null;
    }

    /** @return the configured servers, parsed; throws {@link io.memcached2.InvalidURI} naming a bad one */
    @Override
    public List<ServerAddress> servers() {
        List<String> uris = new ArrayList<>(servers);
        if (uris.isEmpty()) {
            String env = envServers();
            uris.addAll(env != null ? List.of(env.split("[,\\s]+")) : List.of(DEFAULT_SERVER));
        }
        return uris.stream().filter(u -> !u.isBlank()).map(ServerAddress::parse).toList();
    }

    /** @return a client of raw bytes over the configured servers, with the configured options */
    public Memcache<byte[]> connect() {
        return connect(servers());
    }

    /**
     * @param to the servers to connect to
     * @return a client of raw bytes over these servers, with the configured options
     */
    @Override
    public Memcache<byte[]> connect(List<ServerAddress> to) {
        MemcacheBuilder<byte[]> b = Memcache.builder(Transcoders.bytes())
                .servers(to.stream().map(ServerAddress::toString).toList())
                .protocol(protocol)
                .operationTimeout(timeout)
                .connectTimeout(connectTimeout);
        if (selector != null) {
            b.selector(selector);
        }
        return b.build();
    }

    /** @return the operation timeout */
    @Override
    public Duration timeout() {
        return timeout;
    }

    /** @return the connect timeout */
    @Override
    public Duration connectTimeout() {
        return connectTimeout;
    }

    private String envServers() {
        String env = streams.env().apply(SERVERS_ENV);
        return env == null || env.isBlank() ? null : env.trim();
    }
}
