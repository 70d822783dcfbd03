package io.memcached2.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every client's results on one workload, and how memcached2 compares with the best of the others and with the C
 * reference.
 *
 * @param workload the workload's name
 * @param description what it does
 * @param reportsItems whether keys per second is worth showing
 * @param clients one summary per client that ran, in the configured client order
 * @param emulatedAsync clients whose async get is an emulation over blocking calls (only for async workloads)
 * @param rounds every measured round, in the order they ran
 * @param notRun configured clients that did not run this workload, each with the reason (in client order)
 */
public record WorkloadSummary(
        String workload,
        String description,
        boolean reportsItems,
        List<ClientSummary> clients,
        List<String> emulatedAsync,
        List<RoundResult> rounds,
        Map<String, String> notRun) {

    /** Copies the collections, keeping the order of {@code notRun}. */
    public WorkloadSummary {
        clients = List.copyOf(clients);
        emulatedAsync = List.copyOf(emulatedAsync);
        rounds = List.copyOf(rounds);
        notRun = Collections.unmodifiableMap(new LinkedHashMap<>(notRun));
    }

    /**
     * @param workload the workload
     * @param clientOrder names of the clients that ran, in the order to show them
     * @param rounds every measured round of every client
     * @param emulatedAsync clients whose async get is emulated, when the workload uses async gets
     * @param notRun configured clients that did not run, with the reason
     * @return the summary
     */
    public static WorkloadSummary of(
            Workload workload,
            List<String> clientOrder,
            List<RoundResult> rounds,
            List<String> emulatedAsync,
            Map<String, String> notRun) {
        List<ClientSummary> clients = clientOrder.stream()
                .map(name -> ClientSummary.of(
                        name,
                        rounds.stream().filter(r -> r.client().equals(name)).toList()))
                .toList();
        return new WorkloadSummary(
                workload.name(),
                workload.description(),
                workload.reportsItems(),
                clients,
                emulatedAsync,
                rounds,
                notRun);
    }

    /** @return true when no client ran this workload (it is unavailable on this JVM) */
    public boolean skipped() {
        return clients.isEmpty();
    }

    /** @return the peer (not memcached2, not the C reference) with the highest median throughput, if any ran */
    public Optional<ClientSummary> bestPeer() {
        return clients.stream()
                .filter(c -> !Clients.isSubject(c.client()) && !Clients.isReference(c.client()))
                .max((a, b) -> Double.compare(a.operationsPerSecond(), b.operationsPerSecond()));
    }

    /** @return memcached2's summary, if it ran */
    public Optional<ClientSummary> subject() {
        return find(Clients.SUBJECT);
    }

    /** @return the C reference's summary, if it ran */
    public Optional<ClientSummary> reference() {
        return find(Clients.REFERENCE);
    }

    /** @return memcached2's median throughput divided by the best peer's, when both ran and the peer did work */
    public Optional<Double> throughputRatio() {
        return bestPeer().flatMap(this::ratioTo);
    }

    /** @return memcached2's median throughput divided by the C reference's, when both ran and it did work */
    public Optional<Double> referenceRatio() {
        return reference().flatMap(this::ratioTo);
    }

    private Optional<Double> ratioTo(ClientSummary other) {
        return subject()
                .filter(s -> other.operationsPerSecond() > 0)
                .map(s -> s.operationsPerSecond() / other.operationsPerSecond());
    }

    private Optional<ClientSummary> find(String name) {
        return clients.stream().filter(c -> c.client().equals(name)).findFirst();
    }
}
