package io.memcached2.cli.bench;

import java.time.Duration;
import java.util.Locale;

/**
 * One benchmark run, fully resolved (no defaults left to apply).
 *
 * @param workload what requests to make
 * @param kind how to keep them in flight
 * @param concurrency threads, or asynchronous requests outstanding
 * @param duration how long to measure
 * @param warmup how long to run before measuring
 * @param keys distinct keys
 * @param valueSize bytes per value
 * @param batch keys per multi-key get
 * @param getPercent share of gets in the mixed workload, 0 to 100
 */
public record BenchSpec(
        Workload workload,
        ConcurrencyKind kind,
        int concurrency,
        Duration duration,
        Duration warmup,
        int keys,
        int valueSize,
        int batch,
        int getPercent) {

    /** @return one line saying what runs, for the report's heading */
    public String describe() {
        String mix = workload == Workload.MIXED
                ? " (" + getPercent + "% gets)"
                : workload == Workload.MULTIGET ? " (" + batch + " keys each)" : "";
        String how = switch (kind) {
            case PLATFORM -> concurrency + " platform threads";
            case VIRTUAL -> concurrency + " virtual threads";
            case ASYNC -> concurrency + " async requests outstanding";
        };
        return workload.name().toLowerCase(Locale.ROOT) + ": " + workload.description() + mix + ", "
                + valueSize + "-byte values over " + String.format(Locale.ROOT, "%,d", keys) + " keys; "
                + how + "; " + seconds(warmup) + " warm-up, " + seconds(duration) + " measured";
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
