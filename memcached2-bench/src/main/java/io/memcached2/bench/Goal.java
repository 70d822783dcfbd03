package io.memcached2.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One workload's goal from issue 15, and whether a run met it. A bound that does not apply is NaN.
 *
 * @param minRatioToBestPeer memcached2's ops/s over the best peer's must reach this
 * @param minRatioToReference memcached2's ops/s over the C reference's must reach this
 * @param minKeysPerSecond memcached2's keys/s must reach this
 * @param maxBeyondValueBytes memcached2's bytes allocated per operation beyond the values read must not exceed this
 */
public record Goal(
        double minRatioToBestPeer, double minRatioToReference, double minKeysPerSecond, double maxBeyondValueBytes) {
    private static final double NONE = Double.NaN;
    private static final double SMALL_GET_BYTES = 200;
    private static final Map<String, Goal> GOALS = Map.of(
            "get-1t", new Goal(1.5, 0.9, NONE, SMALL_GET_BYTES),
            "get-64t", new Goal(3, NONE, NONE, SMALL_GET_BYTES),
            "get-1000vt", new Goal(3, NONE, NONE, SMALL_GET_BYTES),
            "async-256", new Goal(4, NONE, NONE, SMALL_GET_BYTES),
            "multiget-100", new Goal(1.5, NONE, 1_000_000, NONE),
            "multiget-100-4t", new Goal(1.5, NONE, 1_000_000, NONE),
            "set-100k-4t", new Goal(1.5, NONE, NONE, NONE),
            "mixed-4t", new Goal(1.5, NONE, NONE, SMALL_GET_BYTES));

    /**
     * @param workload a workload name
     * @return issue 15's goal for it, if it has one
     */
    public static Optional<Goal> of(String workload) {
        return Optional.ofNullable(GOALS.get(workload));
    }

    /** @return the goal in words, such as {@code ≥ 1.5× best peer, ≥ 0.9× C, ≤ 200 B/op beyond value} */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (!Double.isNaN(minRatioToBestPeer)) {
            parts.add(String.format(Locale.ROOT, "≥ %s× best peer", plain(minRatioToBestPeer)));
        }
        if (!Double.isNaN(minRatioToReference)) {
            parts.add(String.format(Locale.ROOT, "≥ %s× C ping-pong", plain(minRatioToReference)));
        }
        if (!Double.isNaN(minKeysPerSecond)) {
            parts.add(String.format(Locale.ROOT, "≥ %,.0f keys/s", minKeysPerSecond));
        }
        if (!Double.isNaN(maxBeyondValueBytes)) {
            parts.add(String.format(Locale.ROOT, "≤ %s B/op beyond value", plain(maxBeyondValueBytes)));
        }
        return String.join(", ", parts);
    }

    /**
     * @param w a workload's results
     * @return {@code met}, or {@code not met: } and each bound missed, or {@code unknown: } when a figure is absent
     */
    public String verdict(WorkloadSummary w) {
        Optional<ClientSummary> subject = w.subject();
        if (subject.isEmpty()) {
            return "unknown: memcached2 did not run";
        }
        List<String> missed = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        check(minRatioToBestPeer, w.throughputRatio(), true, "× best peer", missed, unknown);
        check(minRatioToReference, w.referenceRatio(), true, "× C ping-pong", missed, unknown);
        check(minKeysPerSecond, Optional.of(subject.get().itemsPerSecond()), true, " keys/s", missed, unknown);
        check(
                maxBeyondValueBytes,
                Optional.of(subject.get().beyondValueBytesPerOperation()),
                false,
                " B/op beyond value",
                missed,
                unknown);
        if (!missed.isEmpty()) {
            return "not met: " + String.join(", ", missed);
        }
        return unknown.isEmpty() ? "met" : "unknown: no " + String.join(", no ", unknown);
    }

    private static void check(
            double bound,
            Optional<Double> actual,
            boolean atLeast,
            String unit,
            List<String> missed,
            List<String> unknown) {
        if (Double.isNaN(bound)) {
            return;
        }
        if (actual.isEmpty() || !Double.isFinite(actual.get())) {
            unknown.add(unit.strip());
            return;
        }
        double value = actual.get();
        if (atLeast ? value < bound : value > bound) {
            missed.add(String.format(
                    Locale.ROOT,
                    "%s%s %s %s",
                    value >= 100
                            ? String.format(Locale.ROOT, "%,.0f", value)
                            : String.format(Locale.ROOT, "%.2f", value),
                    unit,
                    atLeast ? "<" : ">",
                    plain(bound)));
        }
    }

    private static String plain(double value) {
        return value == Math.rint(value)
                ? String.format(Locale.ROOT, "%,.0f", value)
                : String.format(Locale.ROOT, "%s", value);
    }
}
