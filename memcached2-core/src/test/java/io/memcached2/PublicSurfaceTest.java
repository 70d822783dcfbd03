package io.memcached2;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcached2.routing.Hasher;
import io.memcached2.routing.Placement;
import io.memcached2.routing.Reconnector;
import io.memcached2.routing.Selector;
import io.memcached2.transcode.Transcoder;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The exported public types, as listed in {@code public-surface.txt} beside this class: adding or removing one is a
 * decision, so it must show up as a diff of that list. The exported packages are read from the compiled
 * module-info, so a package exported or hidden changes the list too.
 */
class PublicSurfaceTest {
    private static final String LIST = "public-surface.txt";

    @Test
    void exportedPublicTypesAreTheListedOnes() throws Exception {
        Path classes = Path.of(Memcache.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        assertThat(classes)
                .as("the core's classes as a directory (target/classes)")
                .isDirectory();
        Set<String> actual = new TreeSet<>();
        for (String pkg : exportedPackages(classes)) {
            actual.addAll(publicTypes(classes, pkg));
        }
        List<String> listed = listed();
        assertThat(actual)
                .as(
                        "exported public types differ from src/test/resources/io/memcached2/%s; if the change is meant, "
                                + "put this list there:%n%s%n",
                        LIST, String.join("\n", actual))
                .containsExactlyElementsOf(listed);
    }

    /** Implementations live in internal packages and are reached through the factory holders (Selectors...). */
    @Test
    void noExportedTypeImplementsAnSpi() throws Exception {
        List<Class<?>> spis =
                List.of(Hasher.class, Selector.class, Placement.class, Reconnector.class, Transcoder.class);
        List<String> implementations = new ArrayList<>();
        for (Class<?> type : exportedTypes()) {
            if (!type.isInterface() && spis.stream().anyMatch(spi -> spi.isAssignableFrom(type))) {
                implementations.add(type.getName());
            }
        }
        assertThat(implementations).as("exported SPI implementations").isEmpty();
    }

    /** An internal type named in an exported signature would leak into the API, where users could not name it. */
    @Test
    void noExportedSignatureNamesAnInternalType() throws Exception {
        List<String> leaks = new ArrayList<>();
        for (Class<?> type : exportedTypes()) {
            List<Type> named = new ArrayList<>(List.of(type.getGenericInterfaces()));
            if (type.getGenericSuperclass() != null) {
                named.add(type.getGenericSuperclass());
            }
            for (Type t : named) {
                if (isInternal(t)) {
                    leaks.add(type.getName() + " extends " + t.getTypeName());
                }
            }
            for (Field f : type.getDeclaredFields()) {
                if (isApi(f.getModifiers()) && isInternal(f.getGenericType())) {
                    leaks.add(type.getName() + "." + f.getName());
                }
            }
            List<Executable> members = new ArrayList<>(List.of(type.getDeclaredMethods()));
            members.addAll(List.<Constructor<?>>of(type.getDeclaredConstructors()));
            for (Executable m : members) {
                if (!isApi(m.getModifiers()) || m.isSynthetic()) {
                    continue;
                }
                List<Type> signature = new ArrayList<>(List.of(m.getGenericParameterTypes()));
                signature.addAll(List.of(m.getGenericExceptionTypes()));
                if (m instanceof Method method) {
                    signature.add(method.getGenericReturnType());
                }
                if (signature.stream().anyMatch(PublicSurfaceTest::isInternal)) {
                    leaks.add(type.getName() + "." + m.getName());
                }
            }
        }
        assertThat(leaks)
                .as("exported members naming io.memcached2.internal types")
                .isEmpty();
    }

    private static List<Class<?>> exportedTypes() throws Exception {
        Path classes = Path.of(Memcache.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        List<Class<?>> types = new ArrayList<>();
        for (String pkg : exportedPackages(classes)) {
            for (String name : publicTypes(classes, pkg)) {
                types.add(Class.forName(name, false, PublicSurfaceTest.class.getClassLoader()));
            }
        }
        return types;
    }

    private static boolean isApi(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static boolean isInternal(Type t) {
        if (t instanceof Class<?> c) {
            Class<?> element = c;
            while (element.isArray()) {
                element = element.getComponentType();
            }
            return element.getName().startsWith("io.memcached2.internal.");
        }
        if (t instanceof ParameterizedType p) {
            return isInternal(p.getRawType())
                    || Stream.of(p.getActualTypeArguments()).anyMatch(PublicSurfaceTest::isInternal);
        }
        if (t instanceof WildcardType w) {
            return Stream.concat(Stream.of(w.getUpperBounds()), Stream.of(w.getLowerBounds()))
                    .anyMatch(PublicSurfaceTest::isInternal);
        }
        return false;
    }

    private static Set<String> exportedPackages(Path classes) throws IOException {
        try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
            ModuleDescriptor descriptor = ModuleDescriptor.read(in);
            return descriptor.exports().stream()
                    .map(ModuleDescriptor.Exports::source)
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static List<String> publicTypes(Path classes, String pkg) throws IOException, ClassNotFoundException {
        Path dir = classes.resolve(pkg.replace('.', '/'));
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String simple = file.getFileName().toString();
                if (!simple.endsWith(".class") || simple.equals("package-info.class")) {
                    continue;
                }
                Class<?> type = Class.forName(
                        pkg + "." + simple.substring(0, simple.length() - 6),
                        false,
                        PublicSurfaceTest.class.getClassLoader());
                if (isPublicAllTheWayOut(type)) {
                    names.add(type.getName());
                }
            }
        }
        return names;
    }

    /** Public, and so is every class it is nested in (anonymous and local classes never are). */
    private static boolean isPublicAllTheWayOut(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getDeclaringClass()) {
            if (!Modifier.isPublic(c.getModifiers()) || c.isAnonymousClass() || c.isLocalClass()) {
                return false;
            }
        }
        return true;
    }

    private static List<String> listed() throws IOException, URISyntaxException {
        try (InputStream in = PublicSurfaceTest.class.getResourceAsStream(LIST)) {
            assertThat(in).as(LIST + " on the test class path").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .collect(Collectors.toList());
        }
    }
}
