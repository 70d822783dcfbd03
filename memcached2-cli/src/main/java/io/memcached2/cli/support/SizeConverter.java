package io.memcached2.cli.support;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads byte sizes: {@code 100}, {@code 4k} (KiB), {@code 1m} (MiB). */
public final class SizeConverter implements ITypeConverter<Integer> {
    private static final Pattern SIZE = Pattern.compile("(\\d{1,9})([km]i?b?|b)?");

    @Override
    public Integer convert(String text) {
        Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new TypeConversionException("'" + text + "' is not a size in bytes (examples: 100, 4k, 1m)");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2).substring(0, 1);
        long bytes = unit.equals("k") ? n * 1024 : unit.equals("m") ? n * 1024 * 1024 : n;
        if (bytes > Integer.MAX_VALUE) {
            throw new TypeConversionException("'" + text + "' is too large");
        }
        return (int) bytes;
    }
}
