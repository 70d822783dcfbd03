package io.memcached2.transcode;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The classes Java deserialization may instantiate; every other class is refused with {@link ClassNotAllowed}.
 *
 * <p>Deserializing bytes an attacker can write (anyone who can reach the memcached server can) runs code of the
 * classes the bytes name, which is a known route to remote code execution through "gadget" classes on the class
 * path. List only your own value classes, and the JDK classes they contain.
 *
 * <p>A pattern is one of:
 * <ul>
 *   <li>{@code com.example.Order}: that class (a nested class is {@code com.example.Order$Line});</li>
 *   <li>{@code com.example.*}: the classes of package {@code com.example}, not of its subpackages;</li>
 *   <li>{@code com.example.**}: the classes of {@code com.example} and all its subpackages;</li>
 *   <li>{@code *}: every class. This switches the protection off; it exists only for code whose bytes nobody
 *       else can write, and must be written out on purpose.</li>
 * </ul>
 * Serializable superclasses are checked as well, so a listed class whose serializable superclass is not listed is
 * refused. Arrays are allowed when their element type is, or is {@code Object} or an interface (such arrays, which
 * collections like {@code ArrayList} and {@code HashMap} read, create no element; each element is checked on its
 * own). Primitives, {@code java.lang.String}, {@code java.lang.Number} and the boxed
 * primitives are always allowed: they run no code when read. Dynamic proxies are always refused.
 */
public final class SerialAllowList {
    private static final Pattern NAME = Pattern.compile("[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}$]*"
            + "(\\.[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}$]*)*");
    private static final Set<String> INERT = Set.of(
            "java.lang.String",
            "java.lang.Number",
            "java.lang.Boolean",
            "java.lang.Byte",
            "java.lang.Character",
            "java.lang.Short",
            "java.lang.Integer",
            "java.lang.Long",
            "java.lang.Float",
            "java.lang.Double");

    private final List<String> patterns;

    private SerialAllowList(List<String> patterns) {
        this.patterns = patterns;
    }

    /**
     * @param patterns class names and package patterns, as described above
     * @return an allow-list of exactly those
     * @throws IllegalArgumentException if there is no pattern or one is malformed
     */
    public static SerialAllowList of(String... patterns) {
        if (patterns.length == 0) {
            throw new IllegalArgumentException("an allow-list needs at least one class or package pattern");
        }
        for (String pattern : patterns) {
            validate(pattern);
        }
        return new SerialAllowList(List.of(patterns));
    }

    /**
     * @param classes the classes to allow
     * @return an allow-list of exactly those classes
     * @throws IllegalArgumentException if no class is given
     */
    public static SerialAllowList ofClasses(Class<?>... classes) {
        return of(Arrays.stream(classes).map(Class::getName).toArray(String[]::new));
    }

    /**
     * @param className a binary class name, as {@link Class#getName()} gives it
     * @return whether deserialization may instantiate that class
     */
    public boolean allows(String className) {
        if (INERT.contains(className)) {
            return true;
        }
        for (String pattern : patterns) {
            if (matches(pattern, className)) {
                return true;
            }
        }
        return false;
    }

    /** @return the patterns, as given */
    public List<String> patterns() {
        return patterns;
    }

    @Override
    public String toString() {
        return patterns.toString();
    }

    private static boolean matches(String pattern, String className) {
        if (pattern.equals("*")) {
            return true;
        }
        if (pattern.endsWith(".**")) {
            return className.startsWith(pattern.substring(0, pattern.length() - 2));
        }
        if (pattern.endsWith(".*")) {
            String prefix = pattern.substring(0, pattern.length() - 1);
            return className.startsWith(prefix) && className.indexOf('.', prefix.length()) < 0;
        }
        return pattern.equals(className);
    }

    private static void validate(String pattern) {
        Objects.requireNonNull(pattern, "pattern");
        if (pattern.equals("*")) {
            return;
        }
        String name = pattern.endsWith(".**")
                ? pattern.substring(0, pattern.length() - 3)
                : pattern.endsWith(".*") ? pattern.substring(0, pattern.length() - 2) : pattern;
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("malformed allow-list pattern '" + pattern + "': expected a class name,"
                    + " package.*, package.** or *");
        }
    }
}
