package dev.vtool.cli;

import dev.vtool.schema.validation.SchemaValidator;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The `vtool` command: one subcommand class per job. */
@Command(name = "vtool",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Toolkit for V2Ray configurations and a V2Ray-compatible proxy engine.")
public final class Main implements Runnable {
    /** Every subcommand, in the order `vtool --help` lists them. */
    static final List<Class<?>> SUBCOMMANDS = List.of(
            LintCommand.class,
            FmtCommand.class,
            RunCommand.class,
            SchemaCommand.class,
            PairCommand.class,
            UuidCommand.class,
            CertCommand.class,
            InitCommand.class,
            LinkCommand.class,
            DiagnoseCommand.class,
            ApiCommand.class,
            VersionCommand.class,
            CompletionCommand.class,
            ManCommand.class,
            CommandLine.HelpCommand.class);

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs vtool in-process (tests use this) and returns the exit code. */
    public static int run(String... args) {
        if (args.length == 1 && args[0].equals("-version")) {
            args = new String[] {"version"}; // v2ray's spelling
        }
        if (args.length > 0 && (args[0].equals("lint") || args[0].equals("run"))) {
            // both check the config against the schema: it compiles on a second core meanwhile
            SchemaValidator.shared().preloadInBackground();
        }
        List<String> plainLint = PlainLint.files(args);
        RunCommand plainRun = PlainRun.command(args);
        try {
            if (plainLint != null) {
                return PlainLint.run(plainLint);
            }
            if (plainRun != null) {
                return PlainRun.run(plainRun);
            }
            return newCommandLine(args.length > 0 ? args[0] : null).execute(args);
        } catch (OutOfMemoryError e) {
            // one clear line, never a stack trace; the input size limit makes this rare
            System.err.println("vtool: out of memory (Java heap " + Runtime.getRuntime().maxMemory() / (1 << 20)
                    + " MiB); the input is too large for this heap: raise it, e.g. VTOOL_JAVA_OPTS=-Xmx1g");
            return ExitCodes.INTERNAL;
        }
    }

    /**
     * Builds the command line. When the first argument names a subcommand, only that one is registered:
     * picocli introspects every registered class, and startup matters for `lint` in editors and hooks.
     */
    static CommandLine newCommandLine(String firstArg) {
        CommandLine cmd = new CommandLine(new Main());
        Class<?> only = SUBCOMMANDS.stream()
                .filter(c -> c.getAnnotation(Command.class).name().equals(firstArg))
                .findFirst().orElse(null);
        for (Class<?> sub : only == null || only == CommandLine.HelpCommand.class ? SUBCOMMANDS : List.of(only)) {
            cmd.addSubcommand(sub);
        }
        HelpLayout.apply(cmd);
        cmd.setExitCodeExceptionMapper(e -> ExitCodes.INTERNAL);
        cmd.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            // An internal failure still gets one clear line, not a stack trace (set VTOOL_DEBUG=1 for it).
            return InternalFailure.report(commandLine.getErr(), e);
        });
        cmd.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            PrintWriter err = c.getErr();
            err.println(ex instanceof CommandLine.UnmatchedArgumentException u ? HelpLayout.unmatched(u)
                    : "vtool: " + ex.getMessage());
            err.println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for usage.");
            err.flush();
            return ExitCodes.USAGE_OR_IO;
        });
        return cmd;
    }

    @Spec
    CommandSpec spec;

    /** Bare `vtool`: the usage with every command and its one-line description. */
    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
