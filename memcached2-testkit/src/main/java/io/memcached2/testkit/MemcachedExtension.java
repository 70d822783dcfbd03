package io.memcached2.testkit;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Injects real memcached servers into test parameters of type {@link MemcachedServer} and
 * {@code List<MemcachedServer>}.
 *
 * <p>Parameters of test methods and of {@code @BeforeEach}/{@code @AfterEach} methods share one server per test,
 * killed after the test. Parameters of {@code @BeforeAll} and {@code @AfterAll} methods and of the test class
 * constructor share one server per test class, killed after the class. A second {@code MemcachedServer} parameter in the same scope gets
 * the same server: ask for a {@code List<MemcachedServer>} to get several (see {@link MemcachedServers}).
 * {@link MemcachedConfig} sets options. Servers are killed rather than stopped gracefully because their data is
 * thrown away and memcached takes up to a second to stop.
 *
 * <pre>{@code
 * @ExtendWith(MemcachedExtension.class)
 * class CacheTest {
 *     @Test
 *     void works(MemcachedServer server) { ... }
 *
 *     @Test
 *     void shards(@MemcachedServers(count = 3) List<MemcachedServer> servers) { ... }
 * }
 * }</pre>
 */
public final class MemcachedExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(MemcachedExtension.class);
    private static final int DEFAULT_COUNT = 2;

    /** Creates the extension; JUnit calls this for {@code @ExtendWith(MemcachedExtension.class)}. */
    public MemcachedExtension() {}

    /** Returns whether the parameter is a {@code MemcachedServer} or a {@code List<MemcachedServer>}. */
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == MemcachedServer.class
                || isServerList(parameter.getParameter().getParameterizedType());
    }

    /** Returns the server or servers of the parameter's scope, starting them on first use. */
    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ExtensionContext scope = scope(parameter, context);
        Executable executable = parameter.getDeclaringExecutable();
        boolean classScoped = isClassScoped(executable);
        Class<?> testClass = context.getTestClass().orElse(executable.getDeclaringClass());
        // a @BeforeEach method may ask first: options come from the test method so they hold for the whole test
        AnnotatedElement configured =
                classScoped ? executable : context.getTestMethod().orElse(null);
        MemcachedConfig config =
                find(MemcachedConfig.class, configured, testClass).orElse(null);
        ExtensionContext.Store store = scope.getStore(NAMESPACE);
        // a store also answers with its parents' values: the key names the scope so a test never gets a class server
        String prefix = classScoped ? "class-" : "method-";
        if (parameter.getParameter().getType() == MemcachedServer.class) {
            return store.getOrComputeIfAbsent(prefix + "server", key -> new Servers(1, config), Servers.class)
                    .get(0);
        }
        int count = parameter
                .findAnnotation(MemcachedServers.class)
                .or(() -> find(MemcachedServers.class, executable, testClass))
                .map(MemcachedServers::count)
                .orElse(DEFAULT_COUNT);
        if (count < 1) {
            throw new IllegalArgumentException("@MemcachedServers count must be at least 1: " + count);
        }
        return store.getOrComputeIfAbsent(prefix + "servers-" + count, key -> new Servers(count, config), Servers.class)
                .all();
    }

    private static boolean isServerList(Type type) {
        return type instanceof ParameterizedType
                && ((ParameterizedType) type).getRawType() == List.class
                && ((ParameterizedType) type).getActualTypeArguments()[0] == MemcachedServer.class;
    }

    /** The class context for constructor, {@code @BeforeAll} and {@code @AfterAll} parameters, else the given (method) context. */
    private static ExtensionContext scope(ParameterContext parameter, ExtensionContext context) {
        Executable executable = parameter.getDeclaringExecutable();
        if (!isClassScoped(executable)) {
            return context;
        }
        for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
            if (c.getTestMethod().isEmpty()
                    && c.getTestClass()
                            .filter(executable.getDeclaringClass()::isAssignableFrom)
                            .isPresent()) {
                return c;
            }
        }
        return context;
    }

    private static boolean isClassScoped(Executable executable) {
        return executable instanceof Constructor
                || AnnotationSupport.isAnnotated(executable, BeforeAll.class)
                || AnnotationSupport.isAnnotated(executable, AfterAll.class);
    }

    private static <A extends java.lang.annotation.Annotation> Optional<A> find(
            Class<A> type, AnnotatedElement element, Class<?> testClass) {
        return (element == null ? Optional.<A>empty() : AnnotationSupport.findAnnotation(element, type))
                .or(() -> AnnotationSupport.findAnnotation(testClass, type));
    }

    private static MemcachedServer start(MemcachedConfig config) {
        MemcachedServer.Builder builder = MemcachedServer.builder();
        if (config != null) {
            builder.memoryMb(config.memoryMb()).threads(config.threads()).extraArgs(config.extraArgs());
            if (config.maxItemSize() > 0) {
                builder.maxItemSize(config.maxItemSize());
            }
        }
        return builder.start();
    }

    /** The servers of one scope; JUnit closes it when the scope ends. */
    private static final class Servers implements AutoCloseable {

        private final List<MemcachedServer> servers = new ArrayList<>();

        Servers(int count, MemcachedConfig config) {
            try {
                for (int i = 0; i < count; i++) {
                    servers.add(start(config));
                }
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }

        MemcachedServer get(int index) {
            return servers.get(index);
        }

        List<MemcachedServer> all() {
            return List.copyOf(servers);
        }

        @Override
        public void close() {
            for (MemcachedServer server : servers) {
                server.kill();
                server.close();
            }
        }
    }
}
