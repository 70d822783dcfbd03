package io.memcached2.cli.support;

import java.util.LinkedHashMap;
import java.util.Map;

/** The exit codes of {@code mc}, shown in every command's {@code --help}. */
public final class ExitCodes {
    /** The command did what was asked. */
    public static final int OK = 0;
    /** A key was not there: a get missed, or delete, touch, incr, decr or cas found no such key. */
    public static final int NOT_FOUND = 1;
    /** The command line was wrong: an unknown option, a bad flag value, a bad server URI, an invalid key. */
    public static final int USAGE = 2;
    /** The server refused the command: add on an existing key, replace/append/prepend on a missing one, a CAS
     *  mismatch, incr/decr on a value that is not a number. */
    public static final int REFUSED = 3;
    /** A server could not be reached, timed out, or answered with an error. */
    public static final int UNAVAILABLE = 4;
    /** Anything else went wrong (run again with --verbose for the stack trace). */
    public static final int FAILURE = 5;

    private ExitCodes() {}

    /** @return each code with one line of help, in the form picocli's usage help lists them */
    public static Map<String, String> helpList() {
        Map<String, String> list = new LinkedHashMap<>();
        list.put(String.valueOf(OK), "success");
        list.put(
                String.valueOf(NOT_FOUND),
                "key not found (get miss; delete, touch, incr, decr or cas on a missing key)");
        list.put(String.valueOf(USAGE), "bad command line: unknown option, bad flag value, bad server URI or key");
        list.put(
                String.valueOf(REFUSED),
                "refused: not stored (add/replace/append/prepend), CAS mismatch, not a number");
        list.put(String.valueOf(UNAVAILABLE), "server unreachable, timed out, or answered with an error");
        list.put(String.valueOf(FAILURE), "any other failure (--verbose shows the stack trace)");
        return list;
    }
}
