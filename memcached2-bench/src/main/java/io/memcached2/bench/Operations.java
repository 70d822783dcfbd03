package io.memcached2.bench;

import java.util.List;
import java.util.Map;

/** The blocking operations the standard workloads are made of. */
public final class Operations {
    private Operations() {}

    /**
     * @param keys the keys to read
     * @return a get of one random key
     */
    public static Operation get(KeySpace keys) {
        return (client, random, recorder) -> keys.check(client.get(keys.randomKey(random)), recorder);
    }

    /**
     * @param keys the keys to read
     * @param count keys per request
     * @return a multi-key get of {@code count} distinct random keys
     */
    public static Operation multiGet(KeySpace keys, int count) {
        return (client, random, recorder) -> {
            List<String> batch = keys.randomKeys(random, count);
            Map<String, byte[]> hits = client.getMulti(batch);
            recorder.miss(batch.size() - hits.size());
            for (byte[] value : hits.values()) {
                keys.check(value, recorder);
            }
            return hits.size();
        };
    }

    /**
     * @param keys the keys to write and the value to store
     * @return a set of one random key
     */
    public static Operation set(KeySpace keys) {
        return (client, random, recorder) -> {
            client.set(keys.randomKey(random), keys.value());
            return 1;
        };
    }

    /**
     * @param keys the keys and value
     * @param getPercent the share of gets, 0 to 100; the rest are sets
     * @return a get or a set of one random key, chosen at random in the given proportion
     */
    public static Operation mixed(KeySpace keys, int getPercent) {
        Operation get = get(keys);
        Operation set = set(keys);
        return (client, random, recorder) -> random.nextInt(100) < getPercent
                ? get.perform(client, random, recorder)
                : set.perform(client, random, recorder);
    }
}
