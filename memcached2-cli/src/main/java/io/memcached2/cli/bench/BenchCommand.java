package io.memcached2.cli.bench;

import io.memcached2.Memcache;
import io.memcached2.MemcacheBuilder;
import io.memcached2.ServerAddress;
import io.memcached2.cli.support.CommandContext;
import io.memcached2.cli.support.DurationConverter;
import io.memcached2.cli.support.ExitCodes;
import io.memcached2.cli.support.SizeConverter;
import io.memcached2.cli.support.Streams;
import io.memcached2.load.Threads;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadFactory;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code mc bench}: a load benchmark through the memcached2 client, against the configured servers or a
 * throwaway local memcached.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a load benchmark through the memcached2 client and prints throughput, latency "
                    + "percentiles and errors by type.",
            "With no --servers (and no MEMCACHED_SERVERS) it starts a throwaway local memcached for the run.",
            "A live progress line goes to stderr; the report to stdout."
        })
public final class BenchCommand implements Callable<Integer> {
    /** Memory of the throwaway local server: room for the large-value workload's default key space. */
    private static final int LOCAL_MEMORY_MB = 256;

    private static final int DEFAULT_BATCH = 20;
    private static final int DEFAULT_GET_PERCENT = 90;

    @ParentCommand
    private CommandContext mc;

    @Option(
            names = {"-w", "--workload"},
            paramLabel = "get|set|mixed|multiget|large",
            description = "What to run (default: mixed).")
    private Workload workload = Workload.MIXED;

    @Option(
            names = {"-k", "--threads-kind"},
            paramLabel = "platform|virtual|async",
            description = "Blocking calls from platform threads, from virtual threads (Java 21+), or asynchronous "
                    + "requests kept outstanding from one thread (default: platform).")
    private ConcurrencyKind kind = ConcurrencyKind.PLATFORM;

    @Option(
            names = {"-c", "--concurrency"},
            paramLabel = "N",
            description = "Threads, or asynchronous requests outstanding (default: 16 platform, 256 virtual, "
                    + "128 async).")
    private Integer concurrency;

    @Option(
            names = {"-d", "--duration"},
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "How long to measure (default: 10s).")
    private Duration duration = Duration.ofSeconds(10);

    @Option(
            names = "--warmup",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "How long to run before measuring (default: 2s).")
    private Duration warmup = Duration.ofSeconds(2);

    @Option(
            names = "--keys",
            paramLabel = "N",
            description = "Distinct keys (default: 10,000; 1,000 for the large workload).")
    private Integer keys;

    @Option(
            names = "--value-size",
            paramLabel = "BYTES",
            converter = SizeConverter.class,
            description = "Value size: 100, 4k, 1m (default: 100; 100k for the large workload).")
    private Integer valueSize;

    @Option(names = "--batch", paramLabel = "N", description = "Keys per multi-key get (default: ${DEFAULT-VALUE}).")
    private int batch = DEFAULT_BATCH;

    @Option(
            names = "--get-ratio",
            paramLabel = "PERCENT",
            description = "Share of gets in the mixed workload (default: ${DEFAULT-VALUE}).")
    private int getPercent = DEFAULT_GET_PERCENT;

    @Option(
            names = "--interval",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Time between progress updates (default: 1s).")
    private Duration interval = Duration.ofSeconds(1);

    @Option(names = "--json", description = "Print the report as one JSON object.")
    private boolean json;

    @Option(
            names = "--compare",
            split = ",",
            paramLabel = "CLIENT",
            description = {
                "Also run spymemcached, xmemcached, folsom (or memcached2-text), comma-separated, in "
                        + "alternating rounds, and print memcached2's throughput ratio to each. Runs the benchmark "
                        + "module's standard workload for --workload and --threads-kind (mixed-4t, get-64t, get-1t "
                        + "with -c 1, async-256, multiget-100, set-100k-4t); its concurrency and value sizes are fixed, "
                        + "its progress is one line per round."
            })
    private List<String> compare;

    @Option(
            names = "--bench-jar",
            paramLabel = "FILE",
            description = {
                "The benchmark module's jar, which holds the peer clients --compare runs (default: $"
                        + BenchJar.ENV + ", else memcached2-bench/target/benchmarks.jar of the source tree mc.jar is "
                        + "in; built by './mvnw -pl memcached2-bench -am package -DskipTests')."
            })
    private Path benchJar;

    @Option(
            names = "--rounds",
            paramLabel = "N",
            description = "Rounds per client with --compare; the report shows medians (default: ${DEFAULT-VALUE}).")
    private int rounds = 3;

    @Override
    public Integer call() throws Exception {
        if (compare != null) {
            return compare();
        }
        BenchSpec spec = spec();
        ThreadFactory threads = threadFactory();
        Streams io = mc.streams();
        if (mc.serversGiven()) {
            List<ServerAddress> servers = mc.servers();
            return run(
                    spec,
                    threads,
                    servers,
                    servers.stream().map(Object::toString).collect(Collectors.joining(", ")));
        }
        try (LocalMemcached local = startLocal()) {
            io.err()
                    .println("mc bench: no --servers given: started a throwaway memcached at " + local.uri() + " ("
                            + LOCAL_MEMORY_MB + " MB) for this run; it stops when the run ends");
            return run(
                    spec,
                    threads,
                    List.of(ServerAddress.parse(local.uri())),
                    local.uri() + " (throwaway local memcached)");
        }
    }

    private int run(BenchSpec spec, ThreadFactory threads, List<ServerAddress> servers, String target)
            throws InterruptedException {
        Streams io = mc.streams();
        io.err().println("mc bench: " + spec.describe());
        BenchResult result;
        try (Memcache<byte[]> client = mc.connect(servers)) {
            result = new SingleClientBench(
                            spec, threads, io.err(), io.terminal(), interval, mc.timeout(), mc.connectTimeout())
                    .run(client);
        }
        if (json) {
            io.out().println(BenchReport.json(spec, target, result));
        } else {
            BenchReport.printText(io.out(), spec, target, result);
        }
        return result.requests() == 0 ? ExitCodes.UNAVAILABLE : ExitCodes.OK;
    }

    private int compare() throws InterruptedException {
        if (valueSize != null || getPercent != DEFAULT_GET_PERCENT || batch != DEFAULT_BATCH) {
            throw new IllegalArgumentException("--compare runs the harness's standard workloads, whose value size, "
                    + "batch and get ratio are fixed: drop --value-size, --batch and --get-ratio");
        }
        require(rounds >= 1, "--rounds must be at least 1: " + rounds);
        require(!duration.isNegative() && !duration.isZero(), "--duration must be positive: " + duration);
        require(!warmup.isNegative(), "--warmup must not be negative: " + warmup);
        require(keys == null || keys >= 1, "--keys must be at least 1: " + keys);
        String standard = CompareBench.standardWorkload(workload, kind, concurrency);
        Class<?> harness = CompareBench.harness(benchJar, mc.streams().env());
        List<String> clients = CompareBench.clients(CompareBench.known(harness), compare);
        List<ServerAddress> servers = mc.serversGiven() ? mc.servers() : List.of();
        mc.streams()
                .err()
                .println("mc bench: comparing " + String.join(", ", clients) + " on " + standard + ", "
                        + rounds + " rounds of " + warmup.toMillis() / 1000.0 + "s warm-up + "
                        + duration.toMillis() / 1000.0
                        + "s each"
                        + (servers.isEmpty()
                                ? "; no --servers given: the harness starts a throwaway local " + "memcached"
                                : ""));
        CompareBench.run(
                harness,
                servers,
                clients,
                standard,
                rounds,
                warmup,
                duration,
                keys,
                json,
                mc.streams().out(),
                mc.streams().err());
        return ExitCodes.OK;
    }

    private BenchSpec spec() {
        int n = concurrency != null ? concurrency : kind.defaultConcurrency();
        int k = keys != null ? keys : workload.defaultKeys();
        int size = valueSize != null ? valueSize : workload.defaultValueSize();
        require(n >= 1 && n <= 100_000, "--concurrency must be between 1 and 100000: " + n);
        require(!duration.isNegative() && !duration.isZero(), "--duration must be positive: " + duration);
        require(!warmup.isNegative(), "--warmup must not be negative: " + warmup);
        require(k >= 1, "--keys must be at least 1: " + k);
        require(
                size >= 1 && size <= MemcacheBuilder.DEFAULT_MAX_ITEM_SIZE,
                "--value-size must be between 1 byte and 1m: " + size);
        require(batch >= 1, "--batch must be at least 1: " + batch);
        require(getPercent >= 0 && getPercent <= 100, "--get-ratio must be between 0 and 100: " + getPercent);
        require(!interval.isNegative() && !interval.isZero(), "--interval must be positive: " + interval);
        return new BenchSpec(workload, kind, n, duration, warmup, k, size, batch, getPercent);
    }

    private ThreadFactory threadFactory() {
        if (kind == ConcurrencyKind.VIRTUAL) {
            return Threads.virtual()
                    .orElseThrow(() ->
                            new IllegalArgumentException("--threads-kind virtual needs Java 21 or later; this is Java "
                                    + Runtime.version() + " (use platform or async)"));
        }
        return Threads.platform();
    }

    private static LocalMemcached startLocal() {
        try {
            return LocalMemcached.start(LOCAL_MEMORY_MB);
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "could not start a local memcached (install memcached, set MEMCACHED_BIN, " + "or give --servers): "
                            + e.getMessage(),
                    e);
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
