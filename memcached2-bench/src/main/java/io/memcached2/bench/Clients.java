package io.memcached2.bench;

import io.memcached2.Protocol;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The clients the benchmark can drive, by name. */
public final class Clients {
    /** The client whose results are compared against the best of the others. */
    public static final String SUBJECT = "memcached2";
    /** memcached2 held to the classic text protocol, for a same-protocol comparison with the peers. */
    public static final String SUBJECT_TEXT = "memcached2-text";
    /** memcached2 speaking the binary protocol (what SASL needs), beside the peers' binary variants. */
    public static final String SUBJECT_BINARY = "memcached2-binary";

    /** memcached2 with a listener counting every event, to measure what the events cost. */
    public static final String SUBJECT_LISTENED = "memcached2-listener";

    /**
     * The C reference: strict ping-pong text gets on one connection from a separate process (src/main/c/pingpong.c),
     * run by the harness rather than through a {@link ClientAdapter}, on {@code get-1t} only.
     */
    public static final String REFERENCE = "c-pingpong";

    private static final Map<String, Supplier<ClientAdapter>> ALL = new LinkedHashMap<>();

    static {
        ALL.put(SUBJECT, () -> new Memcached2Adapter(SUBJECT, Protocol.AUTO));
        ALL.put(SUBJECT_TEXT, () -> new Memcached2Adapter(SUBJECT_TEXT, Protocol.TEXT));
        ALL.put(SUBJECT_LISTENED, () -> new Memcached2Adapter(SUBJECT_LISTENED, Protocol.AUTO, new CountingListener()));
        ALL.put(SUBJECT_BINARY, () -> new Memcached2Adapter(SUBJECT_BINARY, Protocol.BINARY));
        ALL.put("spymemcached", () -> new SpymemcachedAdapter(false));
        ALL.put("spymemcached-binary", () -> new SpymemcachedAdapter(true));
        ALL.put("xmemcached", () -> new XmemcachedAdapter(false));
        ALL.put("xmemcached-binary", () -> new XmemcachedAdapter(true));
        ALL.put("folsom", FolsomAdapter::new);
    }

    private Clients() {}

    /** @return every client name, memcached2's first and the C reference last */
    public static List<String> names() {
        List<String> names = new ArrayList<>(ALL.keySet());
        names.add(REFERENCE);
        return List.copyOf(names);
    }

    /**
     * @return the clients a run compares unless told otherwise: memcached2 as it ships, and every peer as it ships
     *     (the text, binary and listener variants are chosen by name with --clients)
     */
    public static List<String> defaults() {
        return names().stream()
                .filter(name ->
                        !name.equals(SUBJECT_TEXT) && !name.equals(SUBJECT_LISTENED) && !name.endsWith("-binary"))
                .toList();
    }

    /**
     * @param name a client name
     * @return true for memcached2 in any configuration, false for the peers
     */
    public static boolean isSubject(String name) {
        return name.equals(SUBJECT)
                || name.equals(SUBJECT_TEXT)
                || name.equals(SUBJECT_BINARY)
                || name.equals(SUBJECT_LISTENED);
    }

    /**
     * @param name a client name
     * @return true for the C reference, which is neither memcached2 nor a peer
     */
    public static boolean isReference(String name) {
        return name.equals(REFERENCE);
    }

    /**
     * @param name a name from {@link #names()}, other than {@link #REFERENCE}
     * @return a new, unconnected adapter
     * @throws IllegalArgumentException for an unknown name or the C reference (not a Java client)
     */
    public static ClientAdapter create(String name) {
        Supplier<ClientAdapter> factory = ALL.get(name);
        if (factory == null) {
            throw new IllegalArgumentException("unknown client " + name + "; known: " + names());
        }
        return factory.get();
    }
}
