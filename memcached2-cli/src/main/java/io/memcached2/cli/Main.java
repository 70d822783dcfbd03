package io.memcached2.cli;

import io.memcached2.cli.support.ExitCodes;
import io.memcached2.cli.support.Streams;

/** The entry point of the {@code mc} jar. */
public final class Main {
    private Main() {}

    /**
     * Runs one command and exits with its code (see {@link ExitCodes}).
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(Mc.run(Streams.system(), args));
    }
}
