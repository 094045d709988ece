package dev.vtool.cli.init;

import java.util.function.Function;

/** Asks one question; the wizard does not care whether a terminal or a test answers. */
public interface Prompter {
    /**
     * @param validator returns null for a good answer, else the reason (the question is asked again)
     * @return the answer (the default when the user just presses Enter)
     * @throws Cancelled on Ctrl-C, end of input or too many bad answers
     */
    String ask(String question, String defaultValue, Function<String, String> validator) throws Cancelled;

    void say(String line);

    /** The user left the wizard; nothing has been written. */
    final class Cancelled extends Exception {
        private static final long serialVersionUID = 1L;

        public Cancelled(String why) {
            super(why);
        }
    }
}
