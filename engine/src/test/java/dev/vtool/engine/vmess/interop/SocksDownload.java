package dev.vtool.engine.vmess.interop;

import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URL;
import java.security.MessageDigest;

/** Downloads a URL through a SOCKS5 proxy on loopback; returns the SHA-256 and the byte count. */
final class SocksDownload {
    record Result(byte[] sha256, long bytes) {
    }

    private SocksDownload() {
    }

    static Result fetch(int socksPort, String url, int timeoutMillis) throws Exception {
        Proxy proxy = new Proxy(Proxy.Type.SOCKS, new InetSocketAddress("127.0.0.1", socksPort));
        HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection(proxy);
        c.setConnectTimeout(timeoutMillis);
        c.setReadTimeout(timeoutMillis);
        c.setUseCaches(false);
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        long n = 0;
        try (InputStream in = c.getInputStream()) {
            byte[] buf = new byte[64 * 1024];
            int r;
            while ((r = in.read(buf)) > 0) {
                md.update(buf, 0, r);
                n += r;
            }
        } finally {
            c.disconnect();
        }
        return new Result(md.digest(), n);
    }
}
