package io.memcached2.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcached2.AsyncMemcache;
import io.memcached2.ExceptionsAreMissesMemcache;
import io.memcached2.Memcache;
import io.memcached2.MemcachedException;
import io.memcached2.Protocol;
import io.memcached2.Store;
import io.memcached2.internal.events.TransportEvents;
import io.memcached2.internal.protocol.Op;
import io.memcached2.testkit.MemcachedExtension;
import io.memcached2.testkit.MemcachedServer;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The command names of the events are the ones {@link RequestStart}'s comment lists, method by method: every
 * command method of the three clients is listed there, and calling it (each overload, against a real memcached)
 * starts an event with the listed name. The per-request names {@link MemcacheListener} lists cover every request the
 * transport can name.
 */
@ExtendWith(MemcachedExtension.class)
class CommandNamesTest {
    private static final Path SOURCES = Path.of("src/main/java/io/memcached2/event");
    private static final Pattern LISTED = Pattern.compile("\\*\\s+<li>\\{@code ([a-z_]+)}: (.+)$");
    private static final Pattern CODE = Pattern.compile("\\{@code ([a-z_]+)}");
    /** Methods of the clients that are no memcached command: views, configuration, lifecycle. */
    private static final Set<String> NOT_COMMANDS = Set.of(
            "servers",
            "updateServers",
            "async",
            "exceptionsAreMisses",
            "errorsExposed",
            "asMap",
            "value",
            "close",
            "toString");

    private static final Duration WAIT = Duration.ofSeconds(10);

    enum Client {
        BLOCKING(Memcache.class),
        ASYNC(AsyncMemcache.class),
        EXCEPTIONS_ARE_MISSES(ExceptionsAreMissesMemcache.class);

        final Class<?> type;

        Client(Class<?> type) {
            this.type = type;
        }

        Object of(Memcache<String> mc) {
            return this == BLOCKING ? mc : this == ASYNC ? mc.async() : mc.exceptionsAreMisses();
        }
    }

    /** @return the documented name of each method, from RequestStart's comment */
    private static Map<String, String> documentedNames() throws IOException {
        Map<String, String> names = new LinkedHashMap<>();
        for (String line : Files.readAllLines(SOURCES.resolve("RequestStart.java"))) {
            Matcher m = LISTED.matcher(line.trim());
            if (m.find()) {
                for (String method : m.group(2).split(",")) {
                    assertThat(names.put(method.trim(), m.group(1)))
                            .as("method %s listed once", method)
                            .isNull();
                }
            }
        }
        assertThat(names).as("RequestStart's list of names").isNotEmpty();
        return names;
    }

    /** @return the client's public command methods, every overload, in a stable order */
    private static List<Method> commandMethods(Class<?> type) {
        return Arrays.stream(type.getMethods())
                .filter(m -> m.getDeclaringClass() != Object.class)
                .filter(m -> !Modifier.isStatic(m.getModifiers()))
                .filter(m -> !NOT_COMMANDS.contains(m.getName()))
                .sorted(Comparator.comparing(Method::toString))
                .toList();
    }

    @Test
    void everyCommandMethodOfTheThreeClientsIsListedAndEveryListedMethodExists() throws IOException {
        Map<String, String> documented = documentedNames();
        Set<String> methods = new TreeSet<>();
        for (Client c : Client.values()) {
            commandMethods(c.type).forEach(m -> methods.add(m.getName()));
        }
        assertThat(documented.keySet()).containsExactlyInAnyOrderElementsOf(methods);
    }

    @ParameterizedTest
    @EnumSource(Client.class)
    void everyCallStartsWithItsDocumentedName(Client client, MemcachedServer server) throws Exception {
        Map<String, String> documented = documentedNames();
        List<String> started = Collections.synchronizedList(new ArrayList<>());
        MemcacheListener names = new MemcacheListener() {
            @Override
            public Object requestStarted(RequestStart start) {
                started.add(start.command());
                return null;
            }
        };
        try (Memcache<String> mc = Memcache.builder()
                .servers(server.uri())
                .protocol(Protocol.META)
                .operationTimeout(Duration.ofSeconds(3))
                .listener(names)
                .build()) {
            mc.set("k", "1");
            Object target = client.of(mc);
            for (Method m : commandMethods(client.type)) {
                started.clear();
                call(target, m);
                assertThat(started).as(m.toString()).containsExactly(documented.get(m.getName()));
            }
        }
    }

    /** Calls the method with harmless arguments of its types; what it answers or throws does not matter here. */
    private static void call(Object target, Method m) throws Exception {
        Class<?>[] types = m.getParameterTypes();
        Object[] args = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            args[i] = argument(m.getName(), i, types[i]);
        }
        Object result;
        try {
            result = m.invoke(target, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof MemcachedException || e.getCause() instanceof IllegalArgumentException) {
                return;
            }
            throw e;
        }
        if (result instanceof CompletableFuture<?> f) {
            try {
                f.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException ignored) {
                // a miss or refusal: the name is what this test is about
            }
        }
    }

    private static Object argument(String method, int index, Class<?> type) {
        if (type == String.class) {
            return index == 0 && method.equals("stats") ? "items" : "k";
        }
        if (type == long.class) {
            return 1L;
        }
        if (type == Duration.class) {
            return Duration.ofMinutes(1);
        }
        if (type == Store.class) {
            return Store.DEFAULT;
        }
        if (type == Collection.class) {
            return List.of("k", "j");
        }
        if (type == Map.class) {
            return Map.of("k", "1", "j", "2");
        }
        if (type == Function.class) {
            return (Function<String, String>) key -> "loaded";
        }
        if (type == Object.class) {
            return "1";
        }
        throw new AssertionError("no test argument for " + type + " of " + method);
    }

    @Test
    void everyRequestTheTransportCanNameIsListed() throws IOException {
        String comment = Files.readAllLines(SOURCES.resolve("MemcacheListener.java")).stream()
                .map(l -> l.trim().replaceFirst("^\\*\\s?", ""))
                .collect(Collectors.joining(" "));
        Matcher list = Pattern.compile("memcached command, one of (.+?) \\(a keep-alive ping\\)")
                .matcher(comment);
        assertThat(list.find()).as("MemcacheListener's list of request names").isTrue();
        Set<String> listed = new TreeSet<>();
        Matcher code = CODE.matcher(list.group(1));
        while (code.find()) {
            listed.add(code.group(1));
        }
        Set<String> named = new TreeSet<>();
        for (Op op : Op.values()) {
            if (op != Op.VERBOSITY) { // no method of the clients sends it
                named.add(TransportEvents.command(op));
            }
        }
        assertThat(listed).containsExactlyInAnyOrderElementsOf(named);
    }
}
