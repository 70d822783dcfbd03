package io.memcached2.bench;

import io.memcached2.ServerAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What to run: against which servers, which clients and workloads, for how long and how many rounds.
 *
 * @param servers the servers to use; empty to start a throwaway local memcached
 * @param clients client names from {@link Clients#names()}, in the order of the first round
 * @param workloads workload names from {@link Workloads#standard(int)}, in the order to run them
 * @param rounds how many measured rounds per client and workload; the report shows the median
 * @param warmup how long each client runs a workload before each measured round
 * @param duration how long each measured round lasts
 * @param keys distinct keys per workload
 * @param serverThreads worker threads of the local memcached (ignored with explicit servers)
 * @param output where to also write results, as JSON ({@code .json}) or CSV ({@code .csv}); empty for none
 * @param page where to also write this run's section of docs/BENCHMARKS.md ({@link BenchmarksPage}); empty for none
 */
public record BenchmarkConfig(
        List<ServerAddress> servers,
        List<String> clients,
        List<String> workloads,
        int rounds,
        Duration warmup,
        Duration duration,
        int keys,
        int serverThreads,
        Optional<Path> output,
        Optional<Path> page) {

    /** Rounds unless told otherwise. */
    public static final int DEFAULT_ROUNDS = 3;
    /** Warm-up per client and round unless told otherwise. */
    public static final Duration DEFAULT_WARMUP = Duration.ofSeconds(5);
    /** Measured time per client and round unless told otherwise. */
    public static final Duration DEFAULT_DURATION = Duration.ofSeconds(10);
    /**
     * Worker threads of the local memcached unless told otherwise: it is pinned to one CPU, where more threads
     * only add context switches.
     */
    public static final int DEFAULT_SERVER_THREADS = 1;

    /** Validates and copies the lists. */
    public BenchmarkConfig {
        servers = List.copyOf(servers);
        clients = List.copyOf(clients);
        workloads = List.copyOf(workloads);
        if (clients.isEmpty() || workloads.isEmpty()) {
            throw new IllegalArgumentException("need at least one client and one workload");
        }
        clients.forEach(name -> {
            if (!Clients.names().contains(name)) {
                throw new IllegalArgumentException("unknown client " + name + "; known: " + Clients.names());
            }
        });
        workloads.forEach(name -> {
            if (!Workloads.names().contains(name)) {
                throw new IllegalArgumentException("unknown workload " + name + "; known: " + Workloads.names());
            }
        });
        if (rounds < 1 || keys < 1 || serverThreads < 1) {
            throw new IllegalArgumentException("rounds, keys and server threads must be at least 1");
        }
        if (warmup.isNegative() || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("warm-up must not be negative and duration must be positive");
        }
    }

    /**
     * A configuration that writes no page section.
     *
     * @param servers see the record
     * @param clients see the record
     * @param workloads see the record
     * @param rounds see the record
     * @param warmup see the record
     * @param duration see the record
     * @param keys see the record
     * @param serverThreads see the record
     * @param output see the record
     */
    public BenchmarkConfig(
            List<ServerAddress> servers,
            List<String> clients,
            List<String> workloads,
            int rounds,
            Duration warmup,
            Duration duration,
            int keys,
            int serverThreads,
            Optional<Path> output) {
        this(servers, clients, workloads, rounds, warmup, duration, keys, serverThreads, output, Optional.empty());
    }

    /** @return every client and workload with the default settings, against a local memcached */
    public static BenchmarkConfig defaults() {
        return new BenchmarkConfig(
                List.of(),
                Clients.defaults(),
                Workloads.names(),
                DEFAULT_ROUNDS,
                DEFAULT_WARMUP,
                DEFAULT_DURATION,
                Workloads.DEFAULT_KEYS,
                DEFAULT_SERVER_THREADS,
                Optional.empty());
    }
}
