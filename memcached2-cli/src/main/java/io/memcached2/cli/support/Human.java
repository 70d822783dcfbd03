package io.memcached2.cli.support;

import java.util.Locale;

/** Numbers as people read them: grouped digits, binary byte units, percentages, days and hours. */
public final class Human {
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

    private Human() {}

    /** @return {@code n} with grouped digits: 12,345 */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** @return {@code n} bytes in the largest binary unit that keeps it at least 1: 1.5 MiB */
    public static String bytes(long n) {
        double v = n;
        int unit = 0;
        while (v >= 1024 && unit < UNITS.length - 1) {
            v /= 1024;
            unit++;
        }
        return unit == 0 ? n + " B" : String.format(Locale.ROOT, "%.1f %s", v, UNITS[unit]);
    }

    /** @return {@code part} of {@code whole} as a percentage with one decimal, or "-" when whole is 0 */
    public static String ratio(long part, long whole) {
        return whole == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
    }

    /** @return {@code seconds} as hh:mm:ss, with a day count in front when it is a day or more */
    public static String duration(long seconds) {
        long d = seconds / 86_400;
        long h = seconds / 3600 % 24;
        long m = seconds / 60 % 60;
        long s = seconds % 60;
        String hms = String.format(Locale.ROOT, "%02d:%02d:%02d", h, m, s);
        return d > 0 ? d + "d " + hms : hms;
    }
}
