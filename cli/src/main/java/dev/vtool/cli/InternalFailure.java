package dev.vtool.cli;

import java.io.PrintWriter;

/** A bug inside a command, reported the one way every entry point reports it: a clear line, no stack trace. */
final class InternalFailure {
    private InternalFailure() {
    }

    /** Prints the failure (its stack trace only with VTOOL_DEBUG set) and returns {@link ExitCodes#INTERNAL}. */
    static int report(PrintWriter err, Throwable e) {
        err.println("vtool: internal error: " + e);
        if (System.getenv("VTOOL_DEBUG") != null) {
            e.printStackTrace(err);
        } else {
            err.println("vtool: this is a bug; rerun with VTOOL_DEBUG=1 for details and please report it");
        }
        err.flush();
        return ExitCodes.INTERNAL;
    }
}
