package io.memcached2.cli;

import io.memcached2.CASFailure;
import io.memcached2.InvalidURI;
import io.memcached2.MemcachedException;
import io.memcached2.MultiDeleteException;
import io.memcached2.MultiServerException;
import io.memcached2.MultiStorageException;
import io.memcached2.NoAvailableServers;
import io.memcached2.NoValue;
import io.memcached2.NonNumeric;
import io.memcached2.NotFound;
import io.memcached2.NotStored;
import io.memcached2.Overloaded;
import io.memcached2.ProtocolError;
import io.memcached2.ServerDisconnect;
import io.memcached2.ServerError;
import io.memcached2.UnknownProtocol;
import io.memcached2.cli.support.ExitCodes;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception out of a command into one line on stderr and an exit code; the stack trace only with
 * --verbose.
 */
final class FailureHandler implements IExecutionExceptionHandler {
    private final McCommand root;

    FailureHandler(McCommand root) {
        this.root = root;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
        Throwable cause = unwrap(e);
        int code = exitCode(cause);
        String name = cmd.getCommandSpec().qualifiedName();
        String message = cause.getMessage() != null
                ? cause.getMessage()
                : cause.getClass().getSimpleName();
        String hint = code == ExitCodes.FAILURE && !root.verbose() ? " (run with --verbose for details)" : "";
        root.streams().err().println(name + ": " + describe(cause, message) + hint);
        if (root.verbose()) {
            cause.printStackTrace(root.streams().err());
        }
        return code;
    }

    /**
     * @param t a failure, unwrapped
     * @return the exit code for it
     */
    static int exitCode(Throwable t) {
        if (t instanceof NoValue || t instanceof NotFound) {
            return ExitCodes.NOT_FOUND;
        }
        if (t instanceof NotStored || t instanceof CASFailure || t instanceof NonNumeric) {
            return ExitCodes.REFUSED;
        }
        if (t instanceof InvalidURI
                || t instanceof UnknownProtocol
                || t instanceof IllegalArgumentException
                || t instanceof CommandLine.ParameterException) {
            return ExitCodes.USAGE;
        }
        if (t instanceof ServerDisconnect
                || t instanceof NoAvailableServers
                || t instanceof ServerError
                || t instanceof Overloaded
                || t instanceof ProtocolError
                || t instanceof MultiStorageException
                || t instanceof MultiServerException
                || t instanceof MultiDeleteException) {
            return ExitCodes.UNAVAILABLE;
        }
        return ExitCodes.FAILURE;
    }

    private static String describe(Throwable t, String message) {
        if (t instanceof ServerDisconnect || t instanceof NoAvailableServers) {
            return "server unavailable: " + message;
        }
        if (t instanceof MemcachedException || t instanceof IllegalArgumentException) {
            return message;
        }
        return t.getClass().getSimpleName() + ": " + message;
    }

    /** @return the failure a future or reflective call wraps */
    static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }
}
