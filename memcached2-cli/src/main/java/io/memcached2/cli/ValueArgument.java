package io.memcached2.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** The value of a store command: the argument as UTF-8, or standard input when the argument is absent or "-". */
final class ValueArgument {
    private ValueArgument() {}

    /**
     * @param argument the VALUE parameter, or null
     * @param stdin standard input
     * @return the bytes to store
     * @throws IOException if standard input cannot be read
     */
    static byte[] read(String argument, InputStream stdin) throws IOException {
        if (argument == null || argument.equals("-")) {
            return stdin.readAllBytes();
        }
        return argument.getBytes(StandardCharsets.UTF_8);
    }
}
