package dev.vtool.engine.vmess.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vtool.engine.LeakCheck;
import dev.vtool.engine.testkit.InteropCell;
import dev.vtool.schema.model.LogLevel;
import dev.vtool.testkit.FreePort;
import dev.vtool.testkit.V2rayBinary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The most common real deployment: a real nginx (Debian's nginx-light, own config in a temp dir, loopback,
 * ephemeral port) terminates TLS and forwards one path to vtool's VMess+ws inbound; a vtool client (SOCKS in,
 * VMess+ws+TLS out to nginx, verifying nginx's certificate) carries {@code curl --socks5-hostname} to a
 * loopback origin. The page arrives whole (SHA-256 checked); another path gets nginx's own 404.
 */
@ExtendWith(LeakCheck.class)
class NginxWsTlsDeploymentTest {
    private static final String ID = "b831381d-6324-4d53-ad4f-8cda48b30811";
    private static final String NGINX = "/usr/sbin/nginx";
    private static final String CURL = "/usr/bin/curl";

    @Test
    void curlThroughVtoolClientNginxAndVtoolServerGetsThePage() throws Exception {
        InteropCell.require(NGINX, "nginx-light");
        InteropCell.require(CURL, "curl");
        String certs = V2rayBinary.repoRoot().resolve("testdata/certs").toAbsolutePath().toString();
        int wsPort = FreePort.next();
        int nginxPort = FreePort.next();
        int socksPort = FreePort.next();
        try (InteropCell cell = InteropCell.open("nginx-ws-tls", 1);
             HttpOrigin origin = new HttpOrigin(3 * 1024 * 1024 + 11)) {
            Path dir = cell.dir();
            Path conf = cell.write("nginx.conf", """
                    daemon off;
                    master_process off;
                    pid %1$s/nginx.pid;
                    error_log %1$s/error.log info;
                    events { worker_connections 64; }
                    http {
                      access_log %1$s/access.log;
                      client_body_temp_path %1$s/body;
                      proxy_temp_path %1$s/proxy;
                      fastcgi_temp_path %1$s/fastcgi;
                      uwsgi_temp_path %1$s/uwsgi;
                      scgi_temp_path %1$s/scgi;
                      server {
                        listen 127.0.0.1:%2$d ssl;
                        server_name vtool.test;
                        ssl_certificate %3$s/server.crt;
                        ssl_certificate_key %3$s/server.key;
                        location /vt {
                          proxy_pass http://127.0.0.1:%4$d;
                          proxy_http_version 1.1;
                          proxy_set_header Upgrade $http_upgrade;
                          proxy_set_header Connection "upgrade";
                          proxy_set_header Host $host;
                          proxy_set_header X-Forwarded-For $remote_addr;
                          proxy_read_timeout 60s;
                        }
                        location / { return 404; }
                      }
                    }
                    """.formatted(dir, nginxPort, certs, wsPort));
            cell.vtool("vtool server", """
                    {"log": {"loglevel": "info"},
                     "inbounds": [{"listen": "127.0.0.1", "port": %d, "protocol": "vmess",
                       "settings": {"clients": [{"id": "%s"}]},
                       "streamSettings": {"network": "ws", "wsSettings": {"path": "/vt"}}}],
                     "outbounds": [{"protocol": "freedom", "settings": {"allowPrivate": true}}]}
                    """.formatted(wsPort, ID), LogLevel.INFO);
            cell.vtool("vtool client", """
                    {"log": {"loglevel": "info"},
                     "inbounds": [{"listen": "127.0.0.1", "port": %d, "protocol": "socks", "settings": {"auth": "noauth"}}],
                     "outbounds": [{"protocol": "vmess", "settings": {"vnext": [{"address": "127.0.0.1", "port": %d,
                       "users": [{"id": "%s"}]}]},
                       "streamSettings": {"network": "ws", "wsSettings": {"path": "/vt", "headers": {"Host": "vtool.test"}},
                         "security": "tls", "tlsSettings": {"serverName": "vtool.test", "disableSystemRoot": true,
                           "certificates": [{"certificateFile": "%s/server.crt", "usage": "verify"}]}}}]}
                    """.formatted(socksPort, nginxPort, ID, certs), LogLevel.INFO);
            cell.peer("nginx", NGINX, "nginx-light", List.of("-p", dir.toString(), "-c", conf.toString()), nginxPort);
            Path page = dir.resolve("page");
            Process curl = new ProcessBuilder(CURL, "-sS", "--max-time", "60", "--socks5-hostname",
                    "127.0.0.1:" + socksPort, "-o", page.toString(), "-w", "%{http_code}", origin.url())
                    .redirectErrorStream(true).start();
            String status = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, curl.waitFor(), () -> status + "\nnginx error.log:\n" + read(dir.resolve("error.log")) + cell.logs());
            assertEquals("200", status.strip());
            assertEquals(origin.size(), Files.size(page));
            assertArrayEquals(origin.sha256(), MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(page)));
            // nginx forwards only /vt: the rest is nginx's own answer over TLS
            Process other = new ProcessBuilder(CURL, "-sS", "-k", "-o", "/dev/null", "-w", "%{http_code}",
                    "https://127.0.0.1:" + nginxPort + "/other").redirectErrorStream(true).start();
            assertEquals("404", new String(other.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
            other.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }
}
