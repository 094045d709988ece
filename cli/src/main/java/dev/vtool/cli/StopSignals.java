package dev.vtool.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT as a request to stop, the way V2Ray treats them: the process shuts down and exits 0.
 * A JVM shutdown hook cannot do that (the JVM then exits 128+signal, 143 for SIGTERM, which systemd
 * counts as a failed unit), so the two signals get handlers of their own. A second signal while the
 * first is still draining ends the process at once (Ctrl-C twice), still with exit 0.
 */
final class StopSignals {
    private final CountDownLatch requested = new CountDownLatch(1);
    private final AtomicInteger received = new AtomicInteger();
    private volatile String name = "";

    /** Installs the handlers; from now on SIGTERM and SIGINT no longer end the JVM by themselves. */
    static StopSignals install() {
        StopSignals s = new StopSignals();
        for (String sig : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(sig), s::onSignal);
        }
        return s;
    }

    private void onSignal(Signal signal) {
        if (received.incrementAndGet() > 1) {
            Runtime.getRuntime().halt(ExitCodes.OK);
        }
        name = "SIG" + signal.getName();
        requested.countDown();
    }

    /** Blocks until a stop signal arrives; returns its name (SIGTERM or SIGINT). */
    String await() throws InterruptedException {
        requested.await();
        return name;
    }
}
