package dev.vtool.cli.init;

/** What `vtool init` knows so far; null means "not answered yet". */
public final class InitAnswers {
    public String serverAddress;
    public String transport;
    public Integer port;
    public String wsPath;
    public String domain;
    public String cert;
    public String key;
    public Integer socksPort;
    public Integer httpPort;
    public String outputDir;

    public boolean tls() {
        return transport != null && transport.endsWith("+tls");
    }

    public boolean usesPath() {
        return "ws+tls".equals(transport) || "h2+tls".equals(transport);
    }
}
