package dev.vtool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.engine.Engine;
import dev.vtool.engine.log.EngineLog;
import dev.vtool.schema.json.ConfigReader;
import dev.vtool.schema.model.Config;
import dev.vtool.schema.model.ConfigModelBuilder;
import dev.vtool.schema.source.SourceFile;
import dev.vtool.testkit.FreePort;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's logs are V2Ray-shaped enough that `vtool diagnose` recognises its failures. */
class RunLogsDiagnoseTest {
    @TempDir
    Path dir;

    @Test
    void diagnoseReadsVtoolRunLogs() throws Exception {
        int port = FreePort.next();
        Path log = dir.resolve("vtool.log");
        String json = """
                {"log": {"loglevel": "info", "access": "%s", "error": "%s"},
                 "inbounds": [{"listen": "127.0.0.1", "port": %d, "protocol": "socks",
                               "settings": {"auth": "password", "accounts": [{"user": "u", "pass": "p"}]}}],
                 "outbounds": [{"protocol": "freedom"}]}
                """.formatted(log, log, port);
        Config config = new ConfigModelBuilder().build(
                new ConfigReader().read(new SourceFile("run.json", json)).document());
        EngineLog engineLog = EngineLog.open(config.log(), System.out);
        Engine engine = Engine.start(config, engineLog);
        try {
            send(port, "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            send(port, new byte[] {5, 1, 2, 1, 1, 'u', 1, 'x'});
            long end = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < end && !(Files.readString(log).contains("unknown Socks version")
                    && Files.readString(log).contains("invalid username"))) {
                Thread.sleep(20);
            }
        } finally {
            engine.shutdown(Duration.ZERO);
            engineLog.close();
        }
        CliRun r = CliRun.run("diagnose", log.toString());
        assertEquals(1, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("[socks-got-http]"), r.out());
        assertTrue(r.out().contains("[socks-bad-credentials]"), r.out());
    }

    private static void send(int port, byte[] bytes) throws Exception {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            s.setSoTimeout(3000);
            OutputStream out = s.getOutputStream();
            out.write(bytes);
            s.getInputStream().readAllBytes(); // until the engine closes
        }
    }
}
