package io.memcached2.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The clients the benchmark can drive, by name. */
public final class Clients {
    /** The client whose results are compared against the best of the others. */
    public static final String SUBJECT = "memcached2";

    private static final Map<String, Supplier<ClientAdapter>> ALL = new LinkedHashMap<>();

    static {
        ALL.put("spymemcached", SpymemcachedAdapter::new);
        ALL.put("xmemcached", XmemcachedAdapter::new);
        ALL.put("folsom", FolsomAdapter::new);
    }

    private Clients() {
    }

    /** @return every client name, the subject first */
    public static List<String> names() {
        return List.copyOf(ALL.keySet());
    }

    /**
     * @param name a name from {@link #names()}
     * @return a new, unconnected adapter
     * @throws IllegalArgumentException for an unknown name
     */
    public static ClientAdapter create(String name) {
        Supplier<ClientAdapter> factory = ALL.get(name);
        if (factory == null) {
            throw new IllegalArgumentException("unknown client " + name + "; known: " + names());
        }
        return factory.get();
    }
}
