package dev.vtool.cli.init;

import java.util.function.Function;
import org.jline.reader.EndOfFileException;
import org.jline.reader.Highlighter;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;

/**
 * Questions on a JLine terminal: line editing and history, the default in brackets, the input shown
 * in red while it is not a valid answer, and the question asked again (at most 10 times) on a bad one.
 */
public final class JlinePrompter implements Prompter {
    static final int MAX_ATTEMPTS = 10;
    private final Terminal terminal;
    private final LineReader reader;
    private Function<String, String> current = s -> null;

    public JlinePrompter(Terminal terminal) {
        this.terminal = terminal;
        Highlighter highlighter = new Highlighter() {
            @Override
            public AttributedString highlight(LineReader r, String buffer) {
                boolean bad = !buffer.isEmpty() && current.apply(buffer.strip()) != null;
                return new AttributedString(buffer, bad ? AttributedStyle.DEFAULT.foreground(AttributedStyle.RED)
                        : AttributedStyle.DEFAULT);
            }
        };
        this.reader = LineReaderBuilder.builder().terminal(terminal).highlighter(highlighter).build();
    }

    @Override
    public String ask(String question, String defaultValue, Function<String, String> validator) throws Cancelled {
        current = validator;
        String prompt = question + (defaultValue == null || defaultValue.isEmpty() ? "" : " [" + defaultValue + "]") + ": ";
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            String line;
            try {
                line = reader.readLine(prompt);
            } catch (UserInterruptException e) {
                throw new Cancelled("interrupted");
            } catch (EndOfFileException e) {
                throw new Cancelled("end of input");
            }
            String answer = line == null ? "" : line.strip();
            if (answer.isEmpty() && defaultValue != null) {
                answer = defaultValue;
            }
            String problem = validator.apply(answer);
            if (problem == null) {
                return answer;
            }
            say("  " + problem);
        }
        throw new Cancelled("no valid answer after " + MAX_ATTEMPTS + " tries");
    }

    @Override
    public void say(String line) {
        terminal.writer().println(line);
        terminal.writer().flush();
    }
}
