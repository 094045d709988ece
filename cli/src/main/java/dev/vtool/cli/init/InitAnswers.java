package dev.vtool.cli.init;

import picocli.CommandLine.Option;

/**
 * What `vtool init` knows so far; null means "not answered yet". The flags of `vtool init` fill it
 * (it is the command's picocli mixin), the wizard asks for the rest.
 */
public final class InitAnswers {
    @Option(names = "--server-address", paramLabel = "HOST", description = "Domain or IP the client connects to.")
    public String serverAddress;

    @Option(names = "--transport", paramLabel = "T", description = "tcp, ws+tls or h2+tls (default tcp).")
    public String transport;

    @Option(names = "--port", paramLabel = "PORT", description = "Server port (default 10086 for tcp, 443 with TLS).")
    public Integer port;

    @Option(names = "--ws-path", paramLabel = "PATH", description = "WebSocket / HTTP/2 path (default: random).")
    public String wsPath;

    @Option(names = "--domain", paramLabel = "NAME", description = "TLS certificate domain (default: the server address).")
    public String domain;

    @Option(names = "--cert", paramLabel = "FILE", description = "Certificate file on the server.")
    public String cert;

    @Option(names = "--key", paramLabel = "FILE", description = "Private key file on the server.")
    public String key;

    @Option(names = "--socks-port", paramLabel = "PORT", description = "Local SOCKS5 port (default 1080).")
    public Integer socksPort;

    @Option(names = "--http-port", paramLabel = "PORT", description = "Local HTTP proxy port, 0 for none (default 1081).")
    public Integer httpPort;

    @Option(names = {"-o", "--output-dir"}, paramLabel = "DIR", description = "Where to write the files (default .).")
    public String outputDir;

    public boolean tls() {
        return transport != null && transport.endsWith("+tls");
    }

    public boolean usesPath() {
        return "ws+tls".equals(transport) || "h2+tls".equals(transport);
    }
}
