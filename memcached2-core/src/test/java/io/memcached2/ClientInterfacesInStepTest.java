package io.memcached2;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Keeps the three clients in step: {@link Memcache}, {@link AsyncMemcache} and {@link ExceptionsAreMissesMemcache}
 * offer the same commands with the same overloads, the asynchronous one returning {@code CompletableFuture<T>} for
 * the blocking {@code T}. A command added to one and not the others fails here.
 */
class ClientInterfacesInStepTest {
    /** Memcache's methods that are not commands: the client's own lifecycle, views and configuration. */
    private static final Set<String> NOT_COMMANDS = Set.of(
            "updateServers",
            "servers",
            "async",
            "close",
            "exceptionsAreMisses",
            "asMap",
            "value",
            "connect",
            "builder",
            "errorsExposed",
            "toString");
    /**
     * The commands ExceptionsAreMissesMemcache leaves out on purpose: none today; leaving one out, or adding a new
     * command anywhere, is a decision made here.
     */
    private static final Set<String> NOT_IN_EXCEPTIONS_ARE_MISSES = Set.of();

    @Test
    void asyncHasEveryCommandOfTheBlockingClientWithItsFutureType() {
        assertThat(mismatches(Memcache.class, AsyncMemcache.class, ClientInterfacesInStepTest::future, Set.of()))
                .isEmpty();
    }

    @Test
    void exceptionsAreMissesHasEveryCommandOfTheBlockingClient() {
        assertThat(mismatches(
                        Memcache.class,
                        ExceptionsAreMissesMemcache.class,
                        ClientInterfacesInStepTest::lax,
                        NOT_IN_EXCEPTIONS_ARE_MISSES))
                .isEmpty();
    }

    /** The check itself: a pair of interfaces out of step is reported, in either direction. */
    @Test
    void aCommandOnOneSideOnlyIsReported() {
        assertThat(mismatches(Blocking.class, AsyncWithoutTouch.class, ClientInterfacesInStepTest::future, Set.of()))
                .containsExactly("touch(String, Duration) is in Blocking but not in AsyncWithoutTouch");
        assertThat(mismatches(Blocking.class, AsyncWithExtra.class, ClientInterfacesInStepTest::future, Set.of()))
                .containsExactly("extra(String) is in AsyncWithExtra but not in Blocking");
        assertThat(mismatches(Blocking.class, AsyncWrongType.class, ClientInterfacesInStepTest::future, Set.of()))
                .containsExactly("get(String) returns java.util.concurrent.CompletableFuture<java.lang.String> in"
                        + " Blocking's terms, but java.lang.String in AsyncWrongType");
    }

    interface Blocking {
        String get(String key);

        void touch(String key, java.time.Duration ttl);
    }

    interface AsyncWithoutTouch {
        CompletableFuture<String> get(String key);
    }

    interface AsyncWithExtra {
        CompletableFuture<String> get(String key);

        CompletableFuture<Void> touch(String key, java.time.Duration ttl);

        CompletableFuture<Void> extra(String key);
    }

    interface AsyncWrongType {
        String get(String key);

        CompletableFuture<Void> touch(String key, java.time.Duration ttl);
    }

    /** The async form of a blocking return type. */
    private static String future(String blocking) {
        return CompletableFuture.class.getName() + "<" + boxed(blocking) + ">";
    }

    /** The exceptions-are-misses form: a command without a result says whether it took effect; numbers may be null. */
    private static String lax(String blocking) {
        switch (blocking) {
            case "void":
            case "boolean":
                return "boolean";
            case "long":
                return Long.class.getName();
            default:
                return blocking;
        }
    }

    private static String boxed(String type) {
        switch (type) {
            case "void":
                return Void.class.getName();
            case "boolean":
                return Boolean.class.getName();
            case "long":
                return Long.class.getName();
            default:
                return type;
        }
    }

    /**
     * @param expected the other client's return type for a command of the reference's return type
     * @param absentOnPurpose signatures ({@code name(SimpleTypes)}) the other side leaves out on purpose
     * @return every difference, as a sentence
     */
    static List<String> mismatches(
            Class<?> reference, Class<?> other, UnaryOperator<String> expected, Set<String> absentOnPurpose) {
        Map<String, Method> mine = commands(reference);
        Map<String, Method> theirs = commands(other);
        List<String> out = new ArrayList<>();
        mine.forEach((sig, m) -> {
            Method o = theirs.get(sig);
            if (o == null) {
                if (!absentOnPurpose.contains(sig)) {
                    out.add(sig + " is in " + reference.getSimpleName() + " but not in " + other.getSimpleName());
                }
                return;
            }
            String want = expected.apply(m.getGenericReturnType().getTypeName());
            String got = o.getGenericReturnType().getTypeName();
            if (!want.equals(got)) {
                out.add(sig + " returns " + want + " in " + reference.getSimpleName() + "'s terms, but " + got + " in "
                        + other.getSimpleName());
            }
        });
        theirs.keySet().stream()
                .filter(sig -> !mine.containsKey(sig))
                .forEach(sig ->
                        out.add(sig + " is in " + other.getSimpleName() + " but not in " + reference.getSimpleName()));
        return out;
    }

    /** @return the public instance commands of a type, by signature ({@code name(SimpleType, ...)}) */
    private static Map<String, Method> commands(Class<?> type) {
        Map<String, Method> out = new TreeMap<>();
        for (Method m : type.getDeclaredMethods()) {
            if (!Modifier.isPublic(m.getModifiers())
                    || Modifier.isStatic(m.getModifiers())
                    || m.isSynthetic()
                    || NOT_COMMANDS.contains(m.getName())) {
                continue;
            }
            String params = String.join(
                    ", ",
                    Arrays.stream(m.getParameterTypes())
                            .map(Class::getSimpleName)
                            .toList());
            out.put(m.getName() + "(" + params + ")", m);
        }
        return out;
    }
}
