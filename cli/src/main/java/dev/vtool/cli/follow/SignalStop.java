package dev.vtool.cli.follow;

import java.util.ArrayList;
import java.util.List;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Runs an action on Ctrl-C (SIGINT) and SIGTERM instead of letting the JVM die, so a follower can end
 * with its report and its own exit code. Where the JVM refuses to hand over a signal (e.g. run with
 * -Xrs), that signal keeps its default effect.
 */
final class SignalStop {
    private static final String[] SIGNALS = {"INT", "TERM"};

    private final List<Signal> signals = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();

    private SignalStop() {
    }

    static SignalStop install(Runnable action) {
        SignalStop s = new SignalStop();
        for (String name : SIGNALS) {
            try {
                Signal signal = new Signal(name);
                // The handler runs on a thread of its own; the action may wait for the reader there.
                SignalHandler old = Signal.handle(signal, sig -> action.run());
                s.signals.add(signal);
                s.previous.add(old);
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                // not available here: the default handling stays
            }
        }
        return s;
    }

    /** Puts back the handlers that were there before (tests run several commands in one JVM). */
    void restore() {
        for (int i = 0; i < signals.size(); i++) {
            Signal.handle(signals.get(i), previous.get(i));
        }
    }
}
