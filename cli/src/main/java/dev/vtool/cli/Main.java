package dev.vtool.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The `vtool` command: one subcommand class per job. */
@Command(name = "vtool",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Toolkit for V2Ray configurations and a V2Ray-compatible proxy engine.",
        subcommands = {
                LintCommand.class,
                SchemaCommand.class,
                PairCommand.class,
                UuidCommand.class,
                InitCommand.class,
                LinkCommand.class,
                DiagnoseCommand.class,
                CommandLine.HelpCommand.class,
        })
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs vtool in-process (tests use this) and returns the exit code. */
    public static int run(String... args) {
        CommandLine cmd = newCommandLine();
        return cmd.execute(args);
    }

    static CommandLine newCommandLine() {
        CommandLine cmd = new CommandLine(new Main());
        cmd.setExitCodeExceptionMapper(e -> ExitCodes.INTERNAL);
        cmd.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            // An internal failure still gets one clear line, not a stack trace (set VTOOL_DEBUG=1 for it).
            PrintWriter err = commandLine.getErr();
            err.println("vtool: internal error: " + e);
            if (System.getenv("VTOOL_DEBUG") != null) {
                e.printStackTrace(err);
            } else {
                err.println("vtool: this is a bug; rerun with VTOOL_DEBUG=1 for details and please report it");
            }
            err.flush();
            return ExitCodes.INTERNAL;
        });
        cmd.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            PrintWriter err = c.getErr();
            err.println("vtool: " + ex.getMessage());
            err.println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for usage.");
            err.flush();
            return ExitCodes.USAGE_OR_IO;
        });
        return cmd;
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }
}
