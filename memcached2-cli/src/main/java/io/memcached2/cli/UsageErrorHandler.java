package io.memcached2.cli;

import io.memcached2.cli.support.ExitCodes;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;

/** Reports a command line that does not parse (unknown option, bad flag value) as one line, not the whole usage. */
final class UsageErrorHandler implements IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        String name = cmd.getCommandSpec().qualifiedName();
        String hint = suggestion(cmd, e);
        cmd.getErr().println(name + ": " + e.getMessage() + hint + " (see '" + name + " --help')");
        return ExitCodes.USAGE;
    }

    private static String suggestion(CommandLine cmd, ParameterException e) {
        if (e instanceof CommandLine.UnmatchedArgumentException) {
            var suggestions = ((CommandLine.UnmatchedArgumentException) e).getSuggestions();
            if (!suggestions.isEmpty()) {
                return "; did you mean " + String.join(" or ", suggestions) + "?";
            }
        }
        return "";
    }
}
