package io.memcached2.bench;

import java.util.List;
import java.util.Optional;

/**
 * Every client's results on one workload, and how memcached2 compares with the best of the others.
 *
 * @param workload the workload's name
 * @param description what it does
 * @param reportsItems whether keys per second is worth showing
 * @param clients one summary per client, in the configured client order
 * @param emulatedAsync clients whose async get is an emulation over blocking calls (only for async workloads)
 * @param rounds every measured round, in the order they ran
 */
public record WorkloadSummary(String workload, String description, boolean reportsItems,
        List<ClientSummary> clients, List<String> emulatedAsync, List<RoundResult> rounds) {

    /**
     * @param workload the workload
     * @param clientOrder client names in the order to show them
     * @param rounds every measured round of every client
     * @param emulatedAsync clients whose async get is emulated, when the workload uses async gets
     * @return the summary
     */
    public static WorkloadSummary of(Workload workload, List<String> clientOrder, List<RoundResult> rounds,
            List<String> emulatedAsync) {
        List<ClientSummary> clients = clientOrder.stream()
                .map(name -> ClientSummary.of(name, rounds.stream().filter(r -> r.client().equals(name)).toList()))
                .toList();
        return new WorkloadSummary(workload.name(), workload.description(), workload.reportsItems(), clients,
                List.copyOf(emulatedAsync), List.copyOf(rounds));
    }

    /** @return the peer (not memcached2) with the highest median throughput, if any ran */
    public Optional<ClientSummary> bestPeer() {
        return clients.stream()
                .filter(c -> !Clients.isSubject(c.client()))
                .max((a, b) -> Double.compare(a.operationsPerSecond(), b.operationsPerSecond()));
    }

    /** @return memcached2's summary, if it ran */
    public Optional<ClientSummary> subject() {
        return clients.stream().filter(c -> c.client().equals(Clients.SUBJECT)).findFirst();
    }

    /** @return memcached2's median throughput divided by the best peer's, when both ran and the peer did work */
    public Optional<Double> throughputRatio() {
        return subject().flatMap(s -> bestPeer()
                .filter(p -> p.operationsPerSecond() > 0)
                .map(p -> s.operationsPerSecond() / p.operationsPerSecond()));
    }
}
