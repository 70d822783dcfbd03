package io.memcached2.cli;

import io.memcached2.cli.support.ExitCodes;
import io.memcached2.cli.support.Streams;
import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;

/** Builds the {@code mc} command line and runs it with error handling for people, not stack traces. */
public final class Mc {
    private Mc() {}

    /**
     * Runs one command line.
     *
     * @param streams where to read and write
     * @param args the arguments, without the program name
     * @return the exit code (see {@link ExitCodes})
     */
    public static int run(Streams streams, String... args) {
        quietLogging(
                Arrays.asList(args).contains("--verbose") || Arrays.asList(args).contains("-v"));
        return commandLine(streams).execute(args);
    }

    /**
     * @param streams where the commands read and write
     * @return the configured command line, ready for {@link CommandLine#execute}
     */
    public static CommandLine commandLine(Streams streams) {
        McCommand root = new McCommand(streams);
        CommandLine cl = new CommandLine(root);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setOut(new PrintWriter(streams.out(), true));
        cl.setErr(new PrintWriter(streams.err(), true));
        cl.setExecutionExceptionHandler(new FailureHandler(root));
        cl.setParameterExceptionHandler(new UsageErrorHandler());
        applyExitCodeHelp(cl);
        return cl;
    }

    private static void applyExitCodeHelp(CommandLine cl) {
        cl.getCommandSpec()
                .usageMessage()
                .exitCodeListHeading("%nExit codes:%n")
                .exitCodeList(ExitCodes.helpList());
        cl.getSubcommands().values().forEach(Mc::applyExitCodeHelp);
    }

    /**
     * The library logs connection trouble through SLF4J; on a command line that would repeat, in log format, what
     * the one error line already says, so logging is off unless --verbose asks for it.
     */
    private static void quietLogging(boolean verbose) {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "off");
        }
    }
}
