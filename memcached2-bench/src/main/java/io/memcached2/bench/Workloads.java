package io.memcached2.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The standard workloads, by name. */
public final class Workloads {
    /** The number of distinct keys the standard workloads use unless told otherwise. */
    public static final int DEFAULT_KEYS = 10_000;

    /** The value size of every workload but the large sets; the C reference reads values of this size too. */
    public static final int SMALL_VALUE = 32;

    private static final int MULTIGET_KEYS = 100;
    private static final int GET_PERCENT = 90;
    private static final int LARGE_VALUE = 100 * 1024;

    private Workloads() {}

    /** @return the names of the standard workloads, in the order they run by default */
    public static List<String> names() {
        return List.copyOf(standard(1).keySet());
    }

    /**
     * @param keyCount distinct keys per workload
     * @return every standard workload, in the order they run by default, keyed by name
     */
    public static Map<String, Workload> standard(int keyCount) {
        KeySpace small = new KeySpace(keyCount, SMALL_VALUE);
        KeySpace large = new KeySpace(keyCount, LARGE_VALUE);
        Map<String, Workload> all = new LinkedHashMap<>();
        for (Workload w : List.of(
                new ThreadedWorkload(
                                "get-1t",
                                "blocking get from 1 thread" + over(small),
                                1,
                                small,
                                true,
                                false,
                                Operations.get(small))
                        .reading(1)
                        .withReference(),
                new ThreadedWorkload(
                                "get-64t",
                                "blocking get from 64 threads" + over(small),
                                64,
                                small,
                                true,
                                false,
                                Operations.get(small))
                        .reading(1),
                new ThreadedWorkload(
                                "get-1000vt",
                                "blocking get from 1,000 virtual threads" + over(small),
                                1000,
                                small,
                                true,
                                false,
                                Operations.get(small))
                        .reading(1)
                        .onVirtualThreads(),
                new AsyncWindowWorkload("async-256", 256, small),
                new ThreadedWorkload(
                                "multiget-100",
                                "multiget of 100 keys from 1 thread" + over(small),
                                1,
                                small,
                                true,
                                true,
                                Operations.multiGet(small, MULTIGET_KEYS))
                        .reading(1),
                new ThreadedWorkload(
                                "multiget-100-4t",
                                "multiget of 100 keys from 4 threads" + over(small),
                                4,
                                small,
                                true,
                                true,
                                Operations.multiGet(small, MULTIGET_KEYS))
                        .reading(1),
                new ThreadedWorkload(
                        "set-100k-4t",
                        "blocking set from 4 threads" + over(large),
                        4,
                        large,
                        false,
                        false,
                        Operations.set(large)),
                new ThreadedWorkload(
                                "mixed-4t",
                                "90% get, 10% set from 4 threads" + over(small),
                                4,
                                small,
                                true,
                                false,
                                Operations.mixed(small, GET_PERCENT))
                        .reading(GET_PERCENT / 100.0))) {
            all.put(w.name(), w);
        }
        return all;
    }

    private static String over(KeySpace keys) {
        return ", " + keys.value().length + "-byte values over " + keys.size() + " keys";
    }
}
