package dev.vtool.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code vtool lint FILE...} with nothing but file names, run without building the picocli model.
 * That form is what editors and commit hooks start over and over; picocli's reflection over the
 * annotated command and its own classes (compiled for Java 5, so no class-data archive can hold them)
 * were about 40 % of such a lint's CPU time. Any option, {@code @argfile}, {@code --} or a lint without
 * files goes through picocli as before. The command object is the same {@link LintCommand} with its
 * field defaults, which are the defaults its annotations declare, so the output is the same byte for byte.
 */
final class PlainLint {
    private PlainLint() {
    }

    /** The files of {@code lint FILE...} when every argument after {@code lint} is a plain file name, else null. */
    static List<String> files(String[] args) {
        if (args.length < 2 || !args[0].equals("lint")) {
            return null;
        }
        List<String> files = new ArrayList<>(args.length - 1);
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (a.isEmpty() || a.startsWith("@") || a.startsWith("-") && !a.equals("-")) {
                return null;
            }
            files.add(a);
        }
        return files;
    }

    /** Lints the files as {@link LintCommand} does; an internal failure gets picocli's handler's words. */
    static int run(List<String> files) {
        LintCommand lint = new LintCommand();
        lint.files = new ArrayList<>(files);
        lint.report = new ReportOptions();
        try {
            return lint.call();
        } catch (RuntimeException e) {
            return InternalFailure.report(new PrintWriter(System.err, true), e);
        }
    }
}
