package io.memcached2.cli.support;

import io.memcached2.Selectors;
import io.memcached2.routing.Selector;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Finds a key placement by name among the no-argument factories of {@link Selectors} (such as {@code ketama}), so
 * the command line offers every selector the library has without a list to keep in step.
 */
public final class SelectorConverter implements ITypeConverter<Selector> {
    @Override
    public Selector convert(String name) {
        return resolve(name);
    }

    /** @return the names {@code --selector} accepts */
    static List<String> names() {
        return factories().stream().map(Method::getName).sorted().toList();
    }

    /**
     * @param name a selector name, case and dashes ignored ({@code rendezvous}, {@code fractal-sharding})
     * @return the selector
     * @throws TypeConversionException naming the known selectors when there is no such one
     */
    static Selector resolve(String name) {
        String wanted = normalize(name);
        for (Method m : factories()) {
            if (normalize(m.getName()).equals(wanted)) {
                try {
                    return (Selector) m.invoke(null);
                } catch (IllegalAccessException | InvocationTargetException e) {
                    throw new IllegalStateException("cannot create selector " + m.getName(), e);
                }
            }
        }
        throw new TypeConversionException(
                "unknown selector '" + name + "' (known: " + String.join(", ", names()) + ")");
    }

    private static List<Method> factories() {
        return Arrays.stream(Selectors.class.getMethods())
                .filter(m -> Modifier.isStatic(m.getModifiers())
                        && m.getParameterCount() == 0
                        && Selector.class.isAssignableFrom(m.getReturnType()))
                .toList();
    }

    private static String normalize(String s) {
        return s.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
    }
}
