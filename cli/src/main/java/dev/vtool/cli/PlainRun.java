package dev.vtool.cli;

import java.io.BufferedWriter;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;

/**
 * {@code vtool run} with only its plain options ({@code -c/-config/--config FILE}, {@code -confdir DIR},
 * {@code -format F}, {@code -test}, {@code -version}, each option and its value as two arguments), run
 * without building the picocli model. That is how a service manager starts the proxy; picocli's reflection
 * over the annotated command and its own classes (compiled for Java 5, so no class-data archive can hold
 * them) were about a fifth of run's start-up CPU. Anything else ({@code --config=F}, {@code @argfile},
 * {@code --help}, an option given twice where picocli refuses that, an unknown argument) goes through
 * picocli as before. The command object is the same {@link RunCommand} with the values its annotations
 * declare, and its output goes through writers made as picocli makes them, so the output is the same.
 */
final class PlainRun {
    private PlainRun() {
    }

    /** The command for {@code run ...} when every argument is a plain form picocli would accept, else null. */
    static RunCommand command(String[] args) {
        if (args.length == 0 || !args[0].equals("run")) {
            return null;
        }
        RunCommand run = new RunCommand();
        run.format = "json"; // the option's declared default
        boolean confdirSet = false;
        boolean formatSet = false;
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-test", "--test" -> {
                    if (run.test) {
                        return null; // picocli refuses a repeated option: let it say so
                    }
                    run.test = true;
                }
                case "-version" -> {
                    if (run.version) {
                        return null;
                    }
                    run.version = true;
                }
                case "-c", "-config", "--config", "-confdir", "--confdir", "-format", "--format" -> {
                    String value = i + 1 < args.length ? args[++i] : null;
                    if (!plainValue(value)) {
                        return null;
                    }
                    if (a.endsWith("confdir")) {
                        if (confdirSet) {
                            return null;
                        }
                        confdirSet = true;
                        run.confdir = value;
                    } else if (a.endsWith("format")) {
                        if (formatSet) {
                            return null;
                        }
                        formatSet = true;
                        run.format = value;
                    } else {
                        run.configs.add(value);
                    }
                }
                default -> {
                    return null;
                }
            }
        }
        return run;
    }

    /** A value picocli takes as it is: not empty, not an option or argfile look-alike. */
    private static boolean plainValue(String value) {
        return value != null && !value.isEmpty() && !value.startsWith("-") && !value.startsWith("@");
    }

    /** Runs the command as picocli's execute would: same writers, an internal failure in its handler's words. */
    static int run(RunCommand run) {
        PrintWriter out = writer(System.out, "sun.stdout.encoding");
        PrintWriter err = writer(System.err, "sun.stderr.encoding");
        try {
            return run.call(out, err);
        } catch (RuntimeException e) {
            return InternalFailure.report(err, e);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** The writer picocli would make for this stream (its encoding choice included). */
    private static PrintWriter writer(PrintStream stream, String encodingProperty) {
        String encoding = System.getProperty(encodingProperty);
        Charset charset = encoding != null ? Charset.forName(encoding) : Charset.defaultCharset();
        return new PrintWriter(new BufferedWriter(new OutputStreamWriter((OutputStream) stream, charset)), true);
    }
}
