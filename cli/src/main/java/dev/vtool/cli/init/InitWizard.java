package dev.vtool.cli.init;

import java.util.List;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The init questions in order, each with its flag, default and check. Flags answer questions up front;
 * the rest are asked (interactive), defaulted (--yes), or reported missing.
 */
public final class InitWizard {

    /** Bad flag values or missing answers without a terminal; nothing is written. */
    public static final class InitException extends Exception {
        private static final long serialVersionUID = 1L;

        public InitException(String message) {
            super(message);
        }
    }

    private record Question(String flag, String text, Predicate<InitAnswers> applies,
                            Function<InitAnswers, String> current, Function<InitAnswers, String> dflt,
                            BiFunctionCheck check, BiConsumer<InitAnswers, String> set) {
    }

    /** A validator that may look at earlier answers. */
    private interface BiFunctionCheck {
        String check(InitAnswers a, String value);
    }

    private static final List<Question> QUESTIONS = List.of(
            new Question("--server-address", "Server address (domain or IP the client connects to)", a -> true,
                    a -> a.serverAddress, a -> a.domain != null ? a.domain : "server.example.com",
                    (a, v) -> Validation.address(v), (a, v) -> a.serverAddress = v),
            new Question("--transport", "Transport (tcp, ws+tls, h2+tls)", a -> true,
                    a -> a.transport, a -> "tcp", (a, v) -> Validation.transport(v),
                    (a, v) -> a.transport = Validation.normalizeTransport(v)),
            new Question("--port", "Server port", a -> true,
                    a -> a.port == null ? null : a.port.toString(), a -> a.tls() ? "443" : "10086",
                    (a, v) -> Validation.port(v), (a, v) -> a.port = Integer.parseInt(v)),
            new Question("--ws-path", "Path (WebSocket / HTTP/2)", InitAnswers::usesPath,
                    a -> a.wsPath, a -> "/" + UUID.randomUUID().toString().substring(0, 8),
                    (a, v) -> Validation.path(v), (a, v) -> a.wsPath = Validation.normalizePath(v)),
            new Question("--domain", "Domain of the TLS certificate", InitAnswers::tls,
                    a -> a.domain, a -> Validation.domain(a.serverAddress) == null ? a.serverAddress : null,
                    (a, v) -> Validation.domain(v), (a, v) -> a.domain = v),
            new Question("--cert", "Certificate file on the server (PEM chain)", InitAnswers::tls,
                    a -> a.cert, a -> "/etc/letsencrypt/live/" + a.domain + "/fullchain.pem",
                    (a, v) -> Validation.file(v), (a, v) -> a.cert = v),
            new Question("--key", "Private key file on the server (PEM)", InitAnswers::tls,
                    a -> a.key, a -> "/etc/letsencrypt/live/" + a.domain + "/privkey.pem",
                    (a, v) -> Validation.file(v), (a, v) -> a.key = v),
            new Question("--socks-port", "Local SOCKS5 port (on 127.0.0.1)", a -> true,
                    a -> a.socksPort == null ? null : a.socksPort.toString(), a -> "1080",
                    (a, v) -> Validation.port(v), (a, v) -> a.socksPort = Integer.parseInt(v)),
            new Question("--http-port", "Local HTTP proxy port (0 for none)", a -> true,
                    a -> a.httpPort == null ? null : a.httpPort.toString(),
                    a -> a.socksPort != null && a.socksPort == 1081 ? "1082" : "1081",
                    (a, v) -> {
                        String p = Validation.portOrZero(v);
                        return p != null ? p : a.socksPort != null && v.equals(a.socksPort.toString())
                                ? "the HTTP port must differ from the SOCKS port " + a.socksPort : null;
                    },
                    (a, v) -> a.httpPort = Integer.parseInt(v)),
            new Question("--output-dir", "Directory for client.json and server.json", a -> true,
                    a -> a.outputDir, a -> ".", (a, v) -> Validation.directory(v), (a, v) -> a.outputDir = v));

    private InitWizard() {
    }

    /**
     * Completes the answers. Flag values are checked first (bad ones are errors, not questions).
     *
     * @param prompter null when there is no terminal
     */
    public static void complete(InitAnswers a, Prompter prompter, boolean yes)
            throws InitException, Prompter.Cancelled {
        for (Question q : QUESTIONS) {
            if (!q.applies().test(a)) {
                continue;
            }
            String given = q.current().apply(a);
            if (given != null) {
                String problem = q.check().check(a, given);
                if (problem != null) {
                    throw new InitException(q.flag() + ": " + problem);
                }
                q.set().accept(a, given);
                continue;
            }
            String dflt = q.dflt().apply(a);
            if (prompter != null && !yes) {
                String answer = prompter.ask(q.text(), dflt, v -> q.check().check(a, v));
                q.set().accept(a, answer);
            } else if (yes && dflt != null) {
                q.set().accept(a, dflt);
            } else {
                throw new InitException("missing " + q.flag() + (yes ? " (it has no default)"
                        : "; there is no terminal to ask, so pass it (or --yes to take the defaults)"));
            }
        }
    }
}
