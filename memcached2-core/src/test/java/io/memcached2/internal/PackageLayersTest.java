package io.memcached2.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the internal layers one way: commands depend on routing, routing on transport and protocol, never back. Reads
 * the imports of the main sources (and fully qualified references) rather than the class files, so a cycle is caught
 * before anything is built on it.
 */
class PackageLayersTest {
    private static final Path SOURCES = Path.of("src/main/java/io/memcached2/internal");
    private static final Pattern REFERENCE = Pattern.compile("io\\.memcached2\\.internal\\.(commands|routing)\\b");

    @Test
    void routingDoesNotDependOnCommands() {
        assertThat(references("routing", "commands")).isEmpty();
    }

    @Test
    void protocolAndTransportDependOnNeitherCommandsNorRouting() {
        List<String> found = new ArrayList<>(references("protocol", "commands"));
        found.addAll(references("protocol", "routing"));
        found.addAll(references("transport", "commands"));
        found.addAll(references("transport", "routing"));
        assertThat(found).isEmpty();
    }

    @Test
    void theCheckSeesTheSources() {
        assertThat(references("commands", "routing"))
                .as("commands imports routing's Engine")
                .isNotEmpty();
    }

    /** @return "file: line" for every reference from a package's sources to the other package */
    private static List<String> references(String from, String to) {
        Path dir = SOURCES.resolve(from);
        assertThat(dir).isDirectory();
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    Matcher m = REFERENCE.matcher(line);
                    while (m.find()) {
                        if (m.group(1).equals(to)) {
                            found.add(file.getFileName() + ": " + line.trim());
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }
}
