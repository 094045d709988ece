package dev.vtool.cli.output;

/** Minimal ANSI colouring; a no-op when colour is off (NO_COLOR, pipes, --color=never). */
final class Ansi {
    private final boolean on;

    Ansi(boolean on) {
        this.on = on;
    }

    String red(String s) {
        return wrap("1;31", s);
    }

    String yellow(String s) {
        return wrap("1;33", s);
    }

    String cyan(String s) {
        return wrap("36", s);
    }

    String green(String s) {
        return wrap("32", s);
    }

    String bold(String s) {
        return wrap("1", s);
    }

    String dim(String s) {
        return wrap("2", s);
    }

    private String wrap(String code, String s) {
        return on ? "\u001B[" + code + "m" + s + "\u001B[0m" : s;
    }
}
