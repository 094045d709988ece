package dev.vtool.engine.log;

import dev.vtool.schema.model.LogLevel;
import dev.vtool.schema.model.LogOutput;
import dev.vtool.schema.model.LogSettings;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The error and access logs, written line for line in V2Ray 4.34's format so that {@code vtool diagnose}
 * (and people used to V2Ray) read them the same way:
 * {@code 2026/11/25 13:00:00 [Info] [1234] v2ray.com/core/app/dispatcher: taking detour [direct] for [tcp:a.com:80]}
 * and {@code 2026/11/25 13:00:00 tcp:127.0.0.1:5555 accepted tcp:a.com:80 [direct]}.
 */
public final class EngineLog implements AutoCloseable {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss");
    /** Package prefix V2Ray puts before every message; kept so logs of both programs read alike. */
    private static final String PREFIX = "v2ray.com/core/";

    private final LogLevel level;
    /** Replaced by {@link #reopen} (the API's RestartLogger), hence volatile. */
    private volatile PrintStream access;
    private volatile PrintStream error;
    private final boolean ownsAccess;
    private final boolean ownsError;
    /** What {@link #open} was given, for {@link #reopen}; null for logs built from streams. */
    private LogSettings settings;

    public EngineLog(LogLevel level, PrintStream access, PrintStream error) {
        this(level, access, error, false, false);
    }

    private EngineLog(LogLevel level, PrintStream access, PrintStream error, boolean ownsAccess, boolean ownsError) {
        this.level = level;
        this.access = access;
        this.error = error;
        this.ownsAccess = ownsAccess;
        this.ownsError = ownsError;
    }

    /** Opens the configured destinations; console output goes to {@code console}. */
    public static EngineLog open(LogSettings settings, PrintStream console) throws IOException {
        PrintStream access;
        try {
            access = stream(settings.access(), console);
        } catch (IOException e) {
            throw new IOException("app/log: failed to initialize access logger > open " + settings.access().path()
                    + ": " + reason(e), e);
        }
        PrintStream error;
        try {
            error = stream(settings.error(), console);
        } catch (IOException e) {
            if (access != null && access != console) {
                access.close();
            }
            throw new IOException("app/log: failed to initialize error logger > open " + settings.error().path()
                    + ": " + reason(e), e);
        }
        EngineLog log = new EngineLog(settings.level(), access, error, access != console, error != console);
        log.settings = settings;
        return log;
    }

    /**
     * Closes and reopens the log files (4.34's RestartLogger, used after rotating them); console and
     * stream logs stay as they are. On failure the old files stay in use.
     */
    public synchronized void reopen() throws IOException {
        if (settings == null) {
            return;
        }
        PrintStream oldAccess = access;
        PrintStream oldError = error;
        PrintStream newAccess = ownsAccess ? stream(settings.access(), null) : oldAccess;
        PrintStream newError;
        try {
            newError = ownsError ? stream(settings.error(), null) : oldError;
        } catch (IOException e) {
            if (ownsAccess && newAccess != null) {
                newAccess.close();
            }
            throw e;
        }
        access = newAccess;
        error = newError;
        if (ownsAccess && oldAccess != null) {
            synchronized (oldAccess) {
                oldAccess.close();
            }
        }
        if (ownsError && oldError != null) {
            synchronized (oldError) {
                oldError.close();
            }
        }
    }

    private static String reason(IOException e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        if (m.contains("No such file or directory")) {
            return "no such file or directory";
        }
        if (m.contains("Permission denied")) {
            return "permission denied";
        }
        return m;
    }

    private static PrintStream stream(LogOutput out, PrintStream console) throws IOException {
        return switch (out.kind()) {
            case NONE -> null;
            case CONSOLE -> console;
            case FILE -> {
                OutputStream os = new FileOutputStream(out.path(), true);
                yield new PrintStream(os, true, StandardCharsets.UTF_8);
            }
        };
    }

    public static EngineLog silent() {
        return new EngineLog(LogLevel.NONE, null, null);
    }

    public boolean enabled(LogLevel severity) {
        return error != null && level.admits(severity);
    }

    /**
     * One error-log line.
     *
     * @param sessionId connection id shown as {@code [id]}, or 0 for messages outside a connection
     * @param pkg       V2Ray-style package path, e.g. {@code app/dispatcher}
     */
    public void log(LogLevel severity, int sessionId, String pkg, String message) {
        PrintStream error = this.error;
        if (error == null || !level.admits(severity)) {
            return;
        }
        StringBuilder line = new StringBuilder(96);
        line.append(LocalDateTime.now().format(TIME)).append(" [").append(severity.label()).append("] ");
        if (sessionId != 0) {
            line.append('[').append(Integer.toUnsignedString(sessionId)).append("] ");
        }
        line.append(pkg.isEmpty() ? "v2ray.com/core" : PREFIX + pkg).append(": ").append(message);
        write(error, line.toString());
    }

    public void debug(int session, String pkg, String message) {
        log(LogLevel.DEBUG, session, pkg, message);
    }

    public void info(int session, String pkg, String message) {
        log(LogLevel.INFO, session, pkg, message);
    }

    public void warning(int session, String pkg, String message) {
        log(LogLevel.WARNING, session, pkg, message);
    }

    public void error(int session, String pkg, String message) {
        log(LogLevel.ERROR, session, pkg, message);
    }

    /** Whether {@link #access} writes anything: callers skip building its arguments when not. */
    public boolean accessEnabled() {
        return access != null && level != LogLevel.NONE;
    }

    /** One access-log line: {@code FROM accepted|rejected TO [detour] reason email: E}. */
    public void access(String from, boolean accepted, String to, String detour, String reason, String email) {
        PrintStream access = this.access;
        if (access == null || level == LogLevel.NONE) {
            return;
        }
        StringBuilder line = new StringBuilder(96);
        line.append(LocalDateTime.now().format(TIME)).append(' ').append(from)
                .append(accepted ? " accepted " : " rejected ").append(to == null ? "" : to);
        if (detour != null && !detour.isEmpty()) {
            line.append(" [").append(detour).append(']');
        }
        if (reason != null && !reason.isEmpty()) {
            line.append(' ').append(reason);
        }
        if (email != null && !email.isEmpty()) {
            line.append(" email: ").append(email);
        }
        write(access, line.toString());
    }

    private static void write(PrintStream out, String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }

    @Override
    public void close() {
        if (ownsAccess && access != null) {
            access.close();
        }
        if (ownsError && error != null) {
            error.close();
        }
    }
}
