package io.memcached2.cli;

import io.memcached2.Memcache;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.ParentCommand;

/** A subcommand that talks to the configured servers through one client, closed when the command ends. */
abstract class ClientCommand implements Callable<Integer> {
    @ParentCommand
    McCommand mc;

    @Override
    public final Integer call() throws Exception {
        try (Memcache<byte[]> client = mc.connect()) {
            return run(client);
        }
    }

    /**
     * @param client a client of raw bytes over the configured servers
     * @return the exit code
     * @throws Exception a failure for {@link FailureHandler} to report
     */
    abstract int run(Memcache<byte[]> client) throws Exception;

    /** @return standard output, for data */
    PrintStream out() {
        return mc.streams().out();
    }

    /** Prints one line about a key or server on stderr, prefixed with the command's name. */
    void warn(String message) {
        mc.streams().err().println("mc " + name() + ": " + message);
    }

    private String name() {
        return getClass().getAnnotation(picocli.CommandLine.Command.class).name();
    }
}
