package dev.vtool.schema.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.json.ConfigReader;
import dev.vtool.schema.source.SourceFile;
import dev.vtool.testkit.FreePort;
import dev.vtool.testkit.V2rayProcesses;
import dev.vtool.testkit.WrongUuidRun;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Log lines produced by a real V2Ray 4.34 on loopback, diagnosed: a client with a wrong UUID against a
 * server ("invalid user", tailored with both configs), and a browser-style HTTP request sent to a socks
 * inbound ("unknown Socks version").
 */
class LiveV2rayDiagnoseTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final V2rayProcesses processes = new V2rayProcesses();

    private Path write(String name, String json) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, json);
        return p;
    }

    private static ConfigDocument read(Path p) throws IOException {
        ConfigDocument doc = new ConfigReader().read(SourceFile.read(p)).document();
        assertNotNull(doc, "test config parses: " + p);
        return doc;
    }

    @Test
    void wrongUuidIsDiagnosedAsInvalidUserAndTheIdDifferenceIsNamed() throws Exception {
        WrongUuidRun run = WrongUuidRun.run(dir, processes);
        String log = run.log();
        DiagnosisReport plain = new Diagnoser().diagnose(List.of(new SourceFile("server-error.log", log)));
        EntryGroup g = plain.group("vmess-invalid-user");
        assertNotNull(g, "invalid user recognised in: " + log);
        assertEquals("127.0.0.1", g.values("ip").get(0));
        assertTrue(plain.hasProblems());

        DiagnosisReport tailored = new Diagnoser().diagnose(List.of(new SourceFile("server-error.log", log)),
                new TailorContext(read(run.client()), read(run.server())));
        String advice = String.join("\n", tailored.group("vmess-invalid-user").advice());
        assertTrue(advice.contains("id differs") && advice.contains(WrongUuidRun.WRONG_ID)
                && advice.contains(WrongUuidRun.SERVER_ID), advice);
    }

    @Test
    void browserHttpRequestOnSocksPortIsDiagnosed() throws Exception {
        int socksPort = FreePort.next();
        Path errorLog = dir.resolve("error.log");
        Path accessLog = dir.resolve("access.log");
        Path config = write("client.json", "{\"log\":{\"loglevel\":\"info\",\"error\":\"" + errorLog + "\",\"access\":\""
                + accessLog + "\"},\n\"inbounds\":[{\"tag\":\"socks-in\",\"port\":" + socksPort
                + ",\"listen\":\"127.0.0.1\",\"protocol\":\"socks\",\"settings\":{\"auth\":\"noauth\"}}],\n"
                + "\"outbounds\":[{\"protocol\":\"blackhole\"}]}");
        Process p = processes.start(config, dir.resolve("v2ray.out"));
        V2rayProcesses.awaitListening(socksPort, p);
        try (Socket sock = new Socket()) {
            sock.connect(new InetSocketAddress("127.0.0.1", socksPort), 2000);
            sock.setSoTimeout(2000);
            sock.getOutputStream().write(("GET http://example.com/ HTTP/1.1\r\nHost: example.com\r\n"
                    + "User-Agent: Mozilla/5.0\r\nProxy-Connection: keep-alive\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            sock.getOutputStream().flush();
            V2rayProcesses.drain(sock.getInputStream());
        }
        String log = V2rayProcesses.awaitInFile(errorLog, "unknown Socks version");
        String access = V2rayProcesses.awaitInFile(accessLog, "rejected");
        DiagnosisReport r = new Diagnoser().diagnose(List.of(new SourceFile("error.log", log),
                new SourceFile("access.log", access)), new TailorContext(read(config), null));
        EntryGroup g = r.group("socks-got-http");
        assertNotNull(g, "unknown Socks version recognised in: " + log);
        assertEquals(List.of("71"), g.values("version"), "'G' of GET is byte 71");
        assertEquals(2, g.count(), "error log and access log line");
        String advice = String.join("\n", g.advice());
        assertTrue(advice.contains("socks inbound \"socks-in\"") && advice.contains("\"protocol\": \"http\""), advice);
        assertEquals(0, r.unrecognised(), "every line of a real 4.34 log is known: " + log + access);
    }
}
