package io.memcached2.cli.bench;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * The benchmark module's jar, which holds the peer clients' adapters, found and loaded at run time so that mc.jar
 * ships no peer client. Where it is: the path given by --bench-jar, else by {@code MC_BENCH_JAR}, else
 * {@code memcached2-bench/target/benchmarks.jar} of the source tree mc runs from (found by walking up from mc.jar).
 * It is loaded in its own class loader over the platform one, so its copy of memcached2 and Netty never meets mc's.
 */
final class BenchJar {
    /** The environment variable naming the jar. */
    static final String ENV = "MC_BENCH_JAR";
    /** The jar's place in the source tree. */
    static final Path IN_TREE = Path.of("memcached2-bench", "target", "benchmarks.jar");

    private static final String ENTRY = "io.memcached2.bench.Compare";
    /** mc.jar is memcached2-cli/target/mc.jar (or target/classes in a build): the tree root is a few levels up. */
    private static final int LEVELS_UP = 4;

    private BenchJar() {}

    /**
     * @param given the --bench-jar option, or null
     * @param env the environment
     * @return the entry class of the harness, loaded from the jar
     * @throws IllegalStateException naming the jar and how to build it when it is absent
     */
    static Class<?> load(Path given, Function<String, String> env) {
        Path jar = locate(given, env);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("--compare needs the benchmark module's jar, which holds the peer "
                    + "clients, and " + jar + " does not exist: build it with "
                    + "'./mvnw -pl memcached2-bench -am package -DskipTests' at the repository root, or name it with "
                    + "--bench-jar or " + ENV);
        }
        try {
            // Closed with the JVM: mc runs one command, and the harness's classes are in use until it returns.
            URLClassLoader loader = new URLClassLoader(
                    "memcached2-bench", new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
            return Class.forName(ENTRY, true, loader);
        } catch (ClassNotFoundException | MalformedURLException e) {
            throw new IllegalStateException(
                    jar + " is not the benchmark module's jar (no " + ENTRY + "): rebuild "
                            + "it with './mvnw -pl memcached2-bench -am package -DskipTests'",
                    e);
        }
    }

    /**
     * Calls a static method of the harness, whose parameters and result are JDK types.
     *
     * @param entry the class from {@link #load}
     * @param name the method
     * @param types its parameter types
     * @param args the arguments
     * @return what it returned
     * @throws InterruptedException when the harness was interrupted
     */
    static Object call(Class<?> entry, String name, Class<?>[] types, Object... args) throws InterruptedException {
        try {
            Method m = entry.getMethod(name, types);
            return m.invoke(null, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof InterruptedException interrupted) {
                throw interrupted;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(
                    "the benchmark module's jar has no " + name + " of the expected shape "
                            + "(built from another version?): rebuild it",
                    e);
        }
    }

    private static Path locate(Path given, Function<String, String> env) {
        if (given != null) {
            return given;
        }
        String named = env.apply(ENV);
        if (named != null && !named.isBlank()) {
            return Path.of(named.trim());
        }
        Optional<Path> here = ownLocation();
        Path dir = here.map(Path::getParent).orElse(null);
        for (int i = 0; dir != null && i < LEVELS_UP; i++, dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(IN_TREE))) {
                return dir.resolve(IN_TREE);
            }
        }
        return here.flatMap(p ->
                        Optional.ofNullable(p.getParent()).map(Path::getParent).map(Path::getParent))
                .map(root -> root.resolve(IN_TREE))
                .orElse(IN_TREE)
                .toAbsolutePath()
                .normalize();
    }

    private static Optional<Path> ownLocation() {
        try {
            return Optional.of(Path.of(BenchJar.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI()));
        } catch (URISyntaxException | RuntimeException unknown) {
            return Optional.empty();
        }
    }
}
