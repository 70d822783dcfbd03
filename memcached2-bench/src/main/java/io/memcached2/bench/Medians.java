package io.memcached2.bench;

import java.util.List;
import java.util.function.ToDoubleFunction;

/** The median of one metric over rounds. */
final class Medians {
    private Medians() {}

    /**
     * @param rounds the rounds (at least one)
     * @param metric the metric to read from each
     * @param <T> the round type
     * @return the middle value, or the mean of the two middle values for an even count
     */
    static <T> double of(List<T> rounds, ToDoubleFunction<T> metric) {
        double[] values = rounds.stream().mapToDouble(metric).sorted().toArray();
        if (values.length == 0) {
            return Double.NaN;
        }
        int mid = values.length / 2;
        return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }
}
