package io.memcached2.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * What {@code target/mc.jar} ships: the command line, the client and its dependencies (Netty, SLF4J), picocli and
 * HdrHistogram, and nothing else: no testkit, no benchmark module, no peer client. Runs in the verify phase, once
 * the jar is built (see the pom's {@code shipped-jar} execution).
 */
class ShippedJarTest {
    private static final Path JAR = Path.of("target/mc.jar");
    /** Class file prefixes a jar of core, picocli and HdrHistogram may hold; anything else is a new dependency. */
    private static final List<String> ALLOWED =
            List.of("io/memcached2/", "io/netty/", "org/slf4j/", "picocli/", "org/HdrHistogram/", "META-INF/");

    private static final List<String> BANNED = List.of(
            "io/memcached2/testkit/",
            "io/memcached2/bench/",
            "net/spy/",
            "net/rubyeye/",
            "com/google/code/yanf4j/",
            "com/spotify/folsom/",
            "org/junit/",
            "org/openjdk/jmh/");

    @Test
    void shipsCoreAndPicocliAndHdrHistogramOnly() throws IOException {
        assertThat(JAR).as("built by the package phase").isRegularFile();
        TreeSet<String> foreign = new TreeSet<>();
        TreeSet<String> banned = new TreeSet<>();
        try (JarFile jar = new JarFile(JAR.toFile())) {
            jar.stream()
                    .map(ZipEntry::getName)
                    .filter(n -> n.endsWith(".class"))
                    .forEach(name -> {
                        if (ALLOWED.stream().noneMatch(name::startsWith)) {
                            foreign.add(name.substring(0, Math.max(0, name.lastIndexOf('/'))));
                        }
                        BANNED.stream().filter(name::startsWith).forEach(banned::add);
                    });
            assertThat(jar.getEntry("io/memcached2/cli/Main.class")).isNotNull();
            assertThat(jar.getEntry("io/memcached2/Memcache.class")).isNotNull();
            assertThat(jar.getEntry("picocli/CommandLine.class")).isNotNull();
            assertThat(jar.getEntry("org/HdrHistogram/Histogram.class")).isNotNull();
        }
        assertThat(banned)
                .as("classes of the testkit, the bench module or a peer client")
                .isEmpty();
        assertThat(foreign)
                .as("packages of a dependency that is neither core's nor picocli nor HdrHistogram")
                .isEmpty();
        assertThat(Files.size(JAR)).isPositive();
    }
}
