package io.memcached2.internal.protocol;

import java.util.Set;

/**
 * The stats sub-commands memcached 1.6.18 answers, and the shape of each reply, as recorded against the real server
 * (Debian's build, extstore compiled in, no proxy):
 *
 * <pre>
 * stats                                 STAT name value ... END
 * stats items|slabs|sizes|settings|conns STAT name value ... END
 * stats extstore                        END (without -o ext_path)
 * stats sizes_enable|sizes_disable      STAT sizes_status enabled|disabled, no END; without CAS (-C), enable answers
 *                                       STAT sizes_status error + STAT sizes_error cas_support_disabled
 * stats reset                           RESET
 * stats detail on|off                   OK
 * stats detail dump                     PREFIX name get N hit N set N del N ... END
 * stats cachedump SLAB LIMIT            ITEM key [size b; exptime s] ... END; CLIENT_ERROR stats cachedump not
 *                                       allowed under -X, CLIENT_ERROR Illegal slab id from 64 on
 * stats proxy, stats anything-else      ERROR
 * </pre>
 *
 * {@code detail dump} counts the classic commands only (meta commands leave it unchanged), and {@code cachedump}
 * lists the COLD LRU only, where the LRU maintainer moves new items on its own schedule. Anything else is refused
 * before it is sent: an unknown one would be answered with ERROR, which a connection takes for a broken stream.
 */
public final class StatsArguments {
    private static final Set<String> TABLES = Set.of(
            "items", "slabs", "sizes", "settings", "conns", "extstore", "sizes_enable", "sizes_disable", "reset");
    private static final String KNOWN = "items, slabs, sizes, settings, conns, extstore, sizes_enable, "
            + "sizes_disable, reset, detail on|off|dump, cachedump <slab class> <limit>, or none for the general "
            + "statistics";
    /** memcached's MAX_NUMBER_OF_SLAB_CLASSES is 64: classes 0 to 63. */
    private static final long MAX_SLAB_CLASS = 63;

    private static final long MAX_LIMIT = 0xffff_ffffL;

    private StatsArguments() {}

    /**
     * @param kind a sub-command with its arguments, as sent after {@code stats }; null for the general statistics
     * @return {@code kind}, known to memcached 1.6.18
     * @throws IllegalArgumentException naming the sub-command, if memcached has no such one or its arguments are
     *     not the ones it takes
     */
    public static String check(String kind) {
        if (kind == null) {
            return null;
        }
        if (kind.isEmpty()) {
            throw new IllegalArgumentException("empty stats sub-command (pass null for the general statistics)");
        }
        int space = kind.indexOf(' ');
        String name = space < 0 ? kind : kind.substring(0, space);
        String args = space < 0 ? null : kind.substring(space + 1);
        if (TABLES.contains(name)) {
            if (args != null) {
                throw new IllegalArgumentException("stats " + name + " takes no argument: '" + Keys.escape(kind) + "'");
            }
        } else if (name.equals("detail")) {
            if (!"on".equals(args) && !"off".equals(args) && !"dump".equals(args)) {
                throw new IllegalArgumentException("stats detail takes on, off or dump: '" + Keys.escape(kind) + "'");
            }
        } else if (name.equals("cachedump")) {
            checkCachedump(kind, args);
        } else {
            throw new IllegalArgumentException(
                    "unknown stats sub-command '" + Keys.escape(kind) + "'; memcached 1.6 " + "has " + KNOWN);
        }
        return kind;
    }

    private static void checkCachedump(String kind, String args) {
        int space = args == null ? -1 : args.indexOf(' ');
        if (space < 0
                || !number(args, 0, space, MAX_SLAB_CLASS)
                || !number(args, space + 1, args.length(), MAX_LIMIT)) {
            throw new IllegalArgumentException("stats cachedump takes a slab class (0 to " + MAX_SLAB_CLASS
                    + ") and a number of items (0 for all, at most " + MAX_LIMIT + "): '" + Keys.escape(kind) + "'");
        }
    }

    /** @return whether [from, to) is a decimal number without leading zeros, at most max */
    private static boolean number(String s, int from, int to, long max) {
        int len = to - from;
        if (len < 1 || len > 10 || len > 1 && s.charAt(from) == '0') {
            return false;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            v = v * 10 + (c - '0');
        }
        return v <= max;
    }

    /** How memcached answers a checked sub-command. */
    enum Reply {
        /** {@code STAT name value} lines, then {@code END}. */
        STATS("STAT "),
        /** {@code STAT sizes_status ...} alone, or followed by {@code STAT sizes_error ...} when it says error. */
        SIZES_STATUS("STAT "),
        /** {@code PREFIX name counters} lines, then {@code END}. */
        PREFIXES("PREFIX "),
        /** {@code ITEM key [size b; exptime s]} lines, then {@code END}. */
        ITEMS("ITEM "),
        /** The line {@code RESET}. */
        RESET("RESET"),
        /** The line {@code OK}. */
        OK("OK");

        /** The start of each line of a listing, or the whole line of a one-word reply. */
        final String line;

        Reply(String line) {
            this.line = line;
        }

        /** @return whether the reply is a listing of name/value lines */
        boolean lists() {
            return this != RESET && this != OK;
        }

        /** @param arg a checked argument (see {@link #check}), or null */
        static Reply of(String arg) {
            if (arg == null || arg.isEmpty()) {
                return STATS;
            }
            switch (arg) {
                case "sizes_enable":
                case "sizes_disable":
                    return SIZES_STATUS;
                case "reset":
                    return RESET;
                case "detail on":
                case "detail off":
                    return OK;
                case "detail dump":
                    return PREFIXES;
                default:
                    return arg.startsWith("cachedump ") ? ITEMS : STATS;
            }
        }
    }
}
