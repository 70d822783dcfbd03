package io.memcached2.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages of the command line depend on each other one way: {@code cli} on {@code cli.bench},
 * {@code cli.top} and {@code cli.support}; {@code cli.bench} and {@code cli.top} on {@code cli.support};
 * {@code cli.support} on none of them. Read from the
 * sources (imports and fully qualified names), so no architecture library is needed.
 */
class PackageDependenciesTest {
    private static final Path SOURCES = Path.of("src/main/java/io/memcached2/cli");
    private static final Pattern REFERENCE = Pattern.compile("\\bio\\.memcached2\\.cli((?:\\.[a-z]\\w*)*)\\.[A-Z]");
    /** Which packages each may use, besides itself. */
    private static final Map<String, List<String>> ALLOWED = Map.of(
            "cli", List.of("cli.bench", "cli.support", "cli.top"),
            "cli.bench", List.of("cli.support"),
            "cli.top", List.of("cli.support"),
            "cli.support", List.of());

    @Test
    void dependenciesBetweenPackagesGoOneWay() {
        Map<String, TreeSet<String>> found = uses();
        List<String> wrong = new ArrayList<>();
        found.forEach((from, targets) -> {
            List<String> allowed = ALLOWED.get(from);
            if (allowed == null) {
                wrong.add("package " + from + " is not in the allowed list of this test");
                return;
            }
            for (String to : targets) {
                if (!to.equals(from) && !allowed.contains(to)) {
                    wrong.add(from + " uses " + to);
                }
            }
        });
        assertThat(wrong).isEmpty();
        assertThat(found).containsKeys("cli", "cli.bench", "cli.support");
    }

    private static Map<String, TreeSet<String>> uses() {
        Map<String, TreeSet<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String from = "cli"
                        + SOURCES.relativize(file.getParent())
                                .toString()
                                .replace('/', '.')
                                .replaceAll("^(?=.)", ".");
                TreeSet<String> targets = uses.computeIfAbsent(from, k -> new TreeSet<>());
                String text = Files.readString(file).replaceFirst("(?m)^package [^;]+;", "");
                Matcher m = REFERENCE.matcher(text);
                while (m.find()) {
                    targets.add("cli" + m.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return uses;
    }
}
