package dev.vtool.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vtool.testkit.FreePort;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Many connections at once through both inbounds: every byte arrives, nothing leaks. */
@ExtendWith(LeakCheck.class)
class ConcurrencyTest {
    private static final int SIZE = 1024 * 1024;

    /** One download through the socks inbound with the JDK's own SOCKS client; returns the body length. */
    private static int socksDownload(int proxyPort, int originPort) throws Exception {
        Proxy proxy = new Proxy(Proxy.Type.SOCKS, new InetSocketAddress("127.0.0.1", proxyPort));
        try (Socket s = new Socket(proxy)) {
            s.setSoTimeout(10_000);
            s.connect(InetSocketAddress.createUnresolved("localhost", originPort), 5000);
            s.getOutputStream().write(("GET /big?" + SIZE + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            byte[] all = in.readAllBytes();
            String text = new String(all, 0, Math.min(all.length, 200), StandardCharsets.US_ASCII);
            int headerEnd = text.indexOf("\r\n\r\n");
            return headerEnd < 0 ? -1 : all.length - headerEnd - 4;
        }
    }

    @Test
    void manyParallelConnections() throws Exception {
        int socks = FreePort.next();
        int http = FreePort.next();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try (TestOrigin origin = new TestOrigin();
             EngineHarness vtool = new EngineHarness("""
                     {"log": {"loglevel": "warning"},
                      "inbounds": [{"listen": "127.0.0.1", "port": %d, "protocol": "socks"},
                                   {"listen": "127.0.0.1", "port": %d, "protocol": "http"}],
                      "outbounds": [{"protocol": "freedom"}]}
                     """.formatted(socks, http))) {
            List<Future<Integer>> socksResults = new ArrayList<>();
            for (int i = 0; i < 48; i++) {
                socksResults.add(pool.submit(() -> socksDownload(socks, origin.httpPort())));
            }
            HttpClient client = HttpClient.newBuilder()
                    .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", http)))
                    .connectTimeout(Duration.ofSeconds(5)).executor(pool).build();
            List<java.util.concurrent.CompletableFuture<HttpResponse<byte[]>>> httpResults = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                HttpRequest req = HttpRequest.newBuilder(URI.create("http://localhost:" + origin.httpPort()
                        + "/big?" + SIZE)).timeout(Duration.ofSeconds(20)).build();
                httpResults.add(client.sendAsync(req, HttpResponse.BodyHandlers.ofByteArray()));
            }
            for (Future<Integer> f : socksResults) {
                assertEquals(SIZE, f.get(30, TimeUnit.SECONDS));
            }
            for (var f : httpResults) {
                HttpResponse<byte[]> r = f.get(30, TimeUnit.SECONDS);
                assertEquals(200, r.statusCode());
                assertEquals(SIZE, r.body().length);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
