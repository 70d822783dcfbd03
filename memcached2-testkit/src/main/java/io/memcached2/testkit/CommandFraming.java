package io.memcached2.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

/** How memcached splits what a client sends into commands: a line, plus a data block for storage commands. */
final class CommandFraming {

    private static final Set<String> CLASSIC_STORAGE = Set.of("set", "add", "replace", "append", "prepend", "cas");

    private CommandFraming() {}

    /** Reads up to and including the next {@code \n}; null at end of stream, a partial line if it ends mid-line. */
    static byte[] readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            line.write(b);
            if (b == '\n') {
                break;
            }
        }
        return line.size() == 0 ? null : line.toByteArray();
    }

    /** The line without its trailing {@code \r\n} or {@code \n}. */
    static String text(String raw) {
        int end = raw.length();
        if (end > 0 && raw.charAt(end - 1) == '\n') {
            end--;
        }
        if (end > 0 && raw.charAt(end - 1) == '\r') {
            end--;
        }
        return raw.substring(0, end);
    }

    /**
     * The length of the data block that follows this command line, without its {@code \r\n}; -1 if none follows
     * ({@code set add replace append prepend cas}: 5th token; {@code ms}: 3rd token).
     */
    static int dataLength(String line) {
        String[] tokens = line.trim().split(" +");
        int index;
        if (CLASSIC_STORAGE.contains(tokens[0])) {
            index = 4;
        } else if (tokens[0].equals("ms")) {
            index = 2;
        } else {
            return -1;
        }
        if (tokens.length <= index) {
            return -1;
        }
        try {
            int length = Integer.parseInt(tokens[index]);
            return length >= 0 ? length : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
