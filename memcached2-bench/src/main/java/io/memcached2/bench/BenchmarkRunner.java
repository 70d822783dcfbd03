package io.memcached2.bench;

import io.memcached2.ServerAddress;
import io.memcached2.load.LoadRecorder;
import io.memcached2.load.Window;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs every workload through every client, round by round. Within a round each client gets a fresh connection,
 * prepares the keys, warms up, then is measured; the client order rotates from round to round so no client always
 * runs first (cold caches, turbo) or last (heap full of the others' garbage).
 */
public final class BenchmarkRunner {
    private final BenchmarkConfig config;
    private final List<ServerAddress> servers;
    private final PrintStream progress;
    private final ResourceMeter meter = new ResourceMeter();

    /**
     * @param config what to run
     * @param servers the servers to run against (the configured ones, or a local server)
     * @param progress where to print one line per finished round
     */
    public BenchmarkRunner(BenchmarkConfig config, List<ServerAddress> servers, PrintStream progress) {
        this.config = config;
        this.servers = List.copyOf(servers);
        this.progress = progress;
    }

    /**
     * @return the results of every round of every client, grouped by workload in the configured order
     * @throws InterruptedException when the calling thread is interrupted
     */
    public List<WorkloadSummary> run() throws InterruptedException {
        Map<String, Workload> catalog = Workloads.standard(config.keys());
        Optional<CPingPong> reference = Optional.empty();
        String referenceMissing = "";
        if (config.clients().contains(Clients.REFERENCE)
                && config.workloads().stream()
                        .anyMatch(name -> catalog.get(name).runsReference())) {
            try {
                reference = Optional.of(CPingPong.build());
            } catch (IOException e) {
                referenceMissing = "skipped: " + e.getMessage();
                progress.println(Clients.REFERENCE + ": " + referenceMissing);
            }
        }
        List<WorkloadSummary> summaries = new ArrayList<>();
        for (String name : config.workloads()) {
            Workload workload = catalog.get(name);
            Map<String, String> notRun = new LinkedHashMap<>();
            Optional<String> unavailable = workload.unavailable();
            if (unavailable.isPresent()) {
                progress.println(name + ": skipped, " + unavailable.get());
                config.clients().forEach(client -> notRun.put(client, "skipped: " + unavailable.get()));
                summaries.add(WorkloadSummary.of(workload, List.of(), List.of(), List.of(), notRun));
                continue;
            }
            List<String> running = new ArrayList<>();
            for (String client : config.clients()) {
                if (!Clients.isReference(client)) {
                    running.add(client);
                } else if (!workload.runsReference()) {
                    notRun.put(client, "not applicable: strict ping-pong gets on one connection, get-1t only");
                } else if (reference.isEmpty()) {
                    notRun.put(client, referenceMissing);
                } else {
                    running.add(client);
                }
            }
            List<RoundResult> results = new ArrayList<>();
            Set<String> emulatedAsync = new TreeSet<>();
            for (int round = 1; round <= config.rounds(); round++) {
                for (String client : rotated(running, round - 1)) {
                    RoundResult result = Clients.isReference(client)
                            ? measureReference(reference.orElseThrow(), workload, round)
                            : measure(workload, client, round, emulatedAsync);
                    progress.printf(
                            "%-15s round %d  %-12s %,12.0f ops/s  p99 %,9.1f us  errors %s%n",
                            name, round, client, result.operationsPerSecond(), result.p99Micros(), result.errors());
                    results.add(result);
                }
            }
            summaries.add(WorkloadSummary.of(workload, running, results, List.copyOf(emulatedAsync), notRun));
        }
        return summaries;
    }

    private RoundResult measureReference(CPingPong reference, Workload workload, int round)
            throws InterruptedException {
        ServerAddress server = servers.get(0);
        try {
            if (!config.warmup().isZero()) {
                reference.run(server, config.warmup(), Workloads.SMALL_VALUE);
            }
            return reference
                    .run(server, config.duration(), Workloads.SMALL_VALUE)
                    .toRound(workload.name(), round);
        } catch (IOException e) {
            progress.printf("%s round %d: %s could not run: %s%n", workload.name(), round, Clients.REFERENCE, e);
            return RoundResult.failed(workload.name(), Clients.REFERENCE, round, e);
        }
    }

    private RoundResult measure(Workload workload, String clientName, int round, Set<String> emulatedAsync)
            throws InterruptedException {
        // Leftover garbage from the previous client would be collected on this client's clock.
        System.gc();
        try (ClientAdapter client = Clients.create(clientName)) {
            if (workload.usesAsync() && !client.nativeAsync()) {
                emulatedAsync.add(clientName);
            }
            client.connect(servers);
            workload.prepare(client);
            if (!config.warmup().isZero()) {
                workload.run(client, config.warmup(), new LoadRecorder(), Window.NONE);
            }
            LoadRecorder recorder = new LoadRecorder();
            TimedWindow window = new TimedWindow(meter);
            workload.run(client, config.duration(), recorder, window);
            long valueBytesRead = Math.round(recorder.items() * workload.valueBytesPerItem());
            return RoundResult.of(
                    workload.name(),
                    clientName,
                    round,
                    window.elapsedNanos(),
                    recorder,
                    window.usage(),
                    valueBytesRead);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            progress.printf("%s round %d: %s could not run: %s%n", workload.name(), round, clientName, e);
            return RoundResult.failed(workload.name(), clientName, round, e);
        }
    }

    private static List<String> rotated(List<String> clients, int by) {
        List<String> order = new ArrayList<>(clients);
        Collections.rotate(order, -by);
        return order;
    }
}
