package dev.vtool.cli.diagnose;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A V2Ray 4.34 log of any length made up on the fly, with the diagnosis it must get: a busy server at
 * loglevel info (accepted connections and routing lines, clients with a wrong id, probes, closed
 * connections, a DNS failure, an unreachable upstream) plus lines vtool does not know. A pool of lines
 * with random addresses, ports and session ids is rendered once and repeated, so the stream costs
 * almost nothing to produce and every line's expected verdict is known exactly.
 */
public final class GeneratedV2rayLog {
    /** Verdict labels besides entry ids. */
    public static final String ROUTINE = "routine";
    public static final String UNRECOGNISED = "unrecognised";

    private static final int POOL_LINES = 20_000;

    /** A line template: {ip}, {port}, {session}, {n} are filled at random; weight = lines per 100. */
    private record Template(int weight, String verdict, String text) {
    }

    private static final List<Template> TEMPLATES = List.of(
            new Template(22, ROUTINE, "{ip}:{port} accepted tcp:www.example.com:443 email: love@v2ray.com"),
            new Template(14, ROUTINE, "[Info] [{session}] v2ray.com/core/proxy/vmess/inbound: received request for"
                    + " tcp:www.example.com:443"),
            new Template(14, ROUTINE, "[Info] [{session}] v2ray.com/core/app/dispatcher: default route for"
                    + " tcp:www.example.com:443"),
            new Template(6, ROUTINE, "[Info] [{session}] v2ray.com/core/proxy/freedom: opening connection to"
                    + " tcp:203.0.113.{n}:443"),
            new Template(4, ROUTINE, "[Info] [{session}] v2ray.com/core/transport/internet/tcp: dialing TCP to"
                    + " tcp:203.0.113.{n}:443"),
            new Template(12, "context-canceled", "[Info] [{session}] v2ray.com/core/app/proxyman/inbound: connection"
                    + " ends > v2ray.com/core/proxy/vmess/inbound: connection ends > context canceled"),
            new Template(6, "vmess-invalid-user", "[Info] [{session}] v2ray.com/core/app/proxyman/inbound: connection"
                    + " ends > v2ray.com/core/proxy/vmess/inbound: invalid request from {ip}:{port} >"
                    + " v2ray.com/core/proxy/vmess/encoding: failed to drain connection DrainSize = {n} 19 5 >"
                    + " v2ray.com/core/proxy/vmess/encoding: invalid user > v2ray.com/core/proxy/vmess: Not Found"),
            new Template(3, "vmess-invalid-user", "{ip}:{port} rejected  v2ray.com/core/proxy/vmess/encoding: failed"
                    + " to drain connection DrainSize = {n} 19 5 > v2ray.com/core/proxy/vmess/encoding: invalid user"
                    + " > v2ray.com/core/proxy/vmess: Not Found"),
            new Template(4, "request-header-eof", "[Info] [{session}] v2ray.com/core/app/proxyman/inbound: connection"
                    + " ends > v2ray.com/core/proxy/vmess/inbound: failed to read request header > EOF"),
            new Template(3, "shadowsocks-auth-failed", "[Info] [{session}] v2ray.com/core/app/proxyman/inbound:"
                    + " connection ends > v2ray.com/core/proxy/shadowsocks: failed to create request from: {ip}:{port}"
                    + " > v2ray.com/core/proxy/shadowsocks: failed to read address > cipher: message authentication"
                    + " failed"),
            new Template(2, "dns-no-such-host", "[Info] [{session}] v2ray.com/core/app/proxyman/outbound: failed to"
                    + " process outbound traffic > v2ray.com/core/proxy/freedom: failed to open connection to"
                    + " tcp:nonexistent.invalid:80 > v2ray.com/core/common/retry: [dial tcp: lookup nonexistent.invalid"
                    + " on 127.0.0.53:53: no such host] > v2ray.com/core/common/retry: all retry attempts failed"),
            new Template(2, "server-connection-refused", "[Warning] [{session}] v2ray.com/core/app/proxyman/outbound:"
                    + " failed to process outbound traffic > v2ray.com/core/proxy/vmess/outbound: failed to find an"
                    + " available destination > v2ray.com/core/common/retry: [dial tcp {ip}:10086: connect: connection"
                    + " refused] > v2ray.com/core/common/retry: all retry attempts failed"),
            new Template(1, "kcp-invalid-payload", "[Info] v2ray.com/core/transport/internet/kcp: discarding invalid"
                    + " payload from udp:{ip}:{port}"),
            new Template(4, UNRECOGNISED, "[Warning] [{session}] v2ray.com/core/proxy/vmess/inbound: something vtool"
                    + " has never seen {n}"),
            new Template(3, UNRECOGNISED, "[Info] [{session}] v2ray.com/core/app/stats: counter {n} of user {ip}"
                    + " overflowed at {port} bytes"));

    private final byte[][] pool = new byte[POOL_LINES][];
    private final String[] verdicts = new String[POOL_LINES];

    public GeneratedV2rayLog(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Template> bag = new ArrayList<>();
        for (Template t : TEMPLATES) {
            for (int i = 0; i < t.weight(); i++) {
                bag.add(t);
            }
        }
        long second = 0;
        for (int i = 0; i < POOL_LINES; i++) {
            Template t = bag.get(random.nextInt(bag.size()));
            second += random.nextInt(3);
            String time = String.format("2026/11/25 %02d:%02d:%02d ", 9 + second / 3600 % 12, second / 60 % 60,
                    second % 60);
            String text = t.text()
                    .replace("{session}", Long.toString(random.nextLong(1L << 32)))
                    .replace("{ip}", "198.51." + random.nextInt(256) + "." + random.nextInt(256))
                    .replace("{port}", Integer.toString(1024 + random.nextInt(64_000)))
                    .replace("{n}", Integer.toString(random.nextInt(4096)));
            pool[i] = (time + text + "\n").getBytes(StandardCharsets.UTF_8);
            verdicts[i] = t.verdict();
        }
    }

    /** What a log of {@code lines} lines from this generator must be diagnosed as: verdict to line count. */
    public Map<String, Long> expected(long lines) {
        Map<String, Long> out = new LinkedHashMap<>();
        long rounds = lines / POOL_LINES;
        int rest = (int) (lines % POOL_LINES);
        for (int i = 0; i < POOL_LINES; i++) {
            long n = rounds + (i < rest ? 1 : 0);
            if (n > 0) {
                out.merge(verdicts[i], n, Long::sum);
            }
        }
        return out;
    }

    /**
     * Writes whole lines until at least {@code bytes} bytes are written; returns the number of lines.
     */
    public long writeTo(OutputStream out, long bytes) throws IOException {
        byte[] chunk = new byte[1 << 20];
        int used = 0;
        long written = 0;
        long lines = 0;
        int i = 0;
        while (written < bytes) {
            byte[] line = pool[i];
            if (used + line.length > chunk.length) {
                out.write(chunk, 0, used);
                used = 0;
            }
            System.arraycopy(line, 0, chunk, used, line.length);
            used += line.length;
            written += line.length;
            lines++;
            i = i + 1 == POOL_LINES ? 0 : i + 1;
        }
        out.write(chunk, 0, used);
        out.flush();
        return lines;
    }

    /** Average line length in bytes (for sizing runs). */
    public double averageLineBytes() {
        long sum = 0;
        for (byte[] line : pool) {
            sum += line.length;
        }
        return (double) sum / POOL_LINES;
    }

    /** {@code java ... GeneratedV2rayLog BYTES [SEED]}: writes a log to stdout (for benchmarks). */
    public static void main(String[] args) throws IOException {
        long bytes = Long.parseLong(args[0]);
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        new GeneratedV2rayLog(seed).writeTo(System.out, bytes);
    }
}
