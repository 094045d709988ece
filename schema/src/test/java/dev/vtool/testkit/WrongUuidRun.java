package dev.vtool.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real v2ray client with a wrong VMess id against a real v2ray server on loopback, until the server
 * logs {@code invalid user}. The server's clients are on line 3 of its config.
 *
 * @param client    the client config (socks inbound, VMess outbound with {@link #WRONG_ID})
 * @param server    the server config (VMess inbound with {@link #SERVER_ID}, info log to {@code serverLog})
 * @param serverLog the server's error log
 * @param log       its content once it holds {@code invalid user}
 */
public record WrongUuidRun(Path client, Path server, Path serverLog, String log) {
    public static final String SERVER_ID = "b831381d-6324-4d53-ad4f-8cda48b30811";
    public static final String WRONG_ID = "0b9e4c1a-7d3f-4e2b-9a6c-5f8d2e1b3c4a";

    /** Writes both configs into {@code dir}, starts them with {@code processes} and provokes the rejection. */
    public static WrongUuidRun run(Path dir, V2rayProcesses processes) throws Exception {
        int serverPort = FreePort.next();
        int socksPort = FreePort.next();
        Path serverLog = dir.resolve("server-error.log");
        Path server = dir.resolve("server.json");
        Files.writeString(server, "{\"log\":{\"loglevel\":\"info\",\"error\":\"" + serverLog + "\"},\n"
                + "\"inbounds\":[{\"port\":" + serverPort + ",\"listen\":\"127.0.0.1\",\"protocol\":\"vmess\",\n"
                + "\"settings\":{\"clients\":[{\"id\":\"" + SERVER_ID + "\",\"alterId\":0}]}}],\n"
                + "\"outbounds\":[{\"protocol\":\"blackhole\"}]}");
        Path client = dir.resolve("client.json");
        Files.writeString(client, "{\"log\":{\"loglevel\":\"info\"},\n"
                + "\"inbounds\":[{\"port\":" + socksPort + ",\"listen\":\"127.0.0.1\",\"protocol\":\"socks\","
                + "\"settings\":{\"auth\":\"noauth\"}}],\n"
                + "\"outbounds\":[{\"protocol\":\"vmess\",\"settings\":{\"vnext\":[{\"address\":\"127.0.0.1\",\"port\":"
                + serverPort + ",\n\"users\":[{\"id\":\"" + WRONG_ID + "\",\"alterId\":0}]}]}}]}");
        Process s = processes.start(server, dir.resolve("server.out"));
        Process c = processes.start(client, dir.resolve("client.out"));
        V2rayProcesses.awaitListening(serverPort, s);
        V2rayProcesses.awaitListening(socksPort, c);

        try (Socket sock = new Socket()) {
            sock.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), socksPort), 2000);
            sock.setSoTimeout(2000);
            OutputStream out = sock.getOutputStream();
            InputStream in = sock.getInputStream();
            out.write(new byte[] {5, 1, 0});
            out.flush();
            assertEquals(5, in.read(), "SOCKS5 greeting answered");
            in.read();
            // CONNECT 127.0.0.1:80; the client then opens a VMess connection with the wrong id.
            out.write(new byte[] {5, 1, 0, 1, 127, 0, 0, 1, 0, 80});
            out.write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            V2rayProcesses.drain(in);
        } // closing makes the client drop its VMess connection; the draining server then logs the rejection
        return new WrongUuidRun(client, server, serverLog, V2rayProcesses.awaitInFile(serverLog, "invalid user"));
    }
}
