package dev.vtool.engine.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.vtool.engine.LeakCheck;
import dev.vtool.engine.testkit.InteropCell;
import dev.vtool.engine.testkit.InteropCell.Side;
import dev.vtool.engine.testkit.Socks5Udp;
import dev.vtool.schema.model.LogLevel;
import dev.vtool.testkit.FreePort;
import dev.vtool.testkit.V2rayProcesses;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * UDP traffic counters against the real 4.34: vtool and v2ray run the same config (a socks inbound whose UDP
 * goes out through a Shadowsocks outbound to the other process, a Shadowsocks inbound with a user email whose
 * UDP leaves through freedom) and carry the same datagrams in opposite directions: client → v2ray socks →
 * vtool Shadowsocks → echo, and client → vtool socks → v2ray Shadowsocks → echo. Every counter of the two
 * processes (inbound, outbound, user; read from vtool directly and from v2ray with {@code v2ctl api}) must be
 * equal, and the user's and freedom's equal the payload.
 */
@Tag("interop")
@ExtendWith(LeakCheck.class)
class UdpCountersInteropTest {
    private static final int[] SIZES = {1, 100, 512, 1400, 7, 1000};
    private static final Pattern STAT = Pattern.compile("name: \"([^\"]*)\"(?:\\s*value: (\\d+))?");

    private static String config(int apiPort, int socksPort, int ssPort, int peerSsPort) {
        return """
                {"log": {"loglevel": "info"}, "stats": {},
                 "api": {"tag": "api", "services": ["StatsService"]},
                 "policy": {"levels": {"0": {"statsUserUplink": true, "statsUserDownlink": true}},
                            "system": {"statsInboundUplink": true, "statsInboundDownlink": true,
                                       "statsOutboundUplink": true, "statsOutboundDownlink": true}},
                 "inbounds": [
                   {"tag": "api-in", "listen": "127.0.0.1", "port": %d, "protocol": "dokodemo-door",
                    "settings": {"address": "127.0.0.1"}},
                   {"tag": "socks-in", "listen": "127.0.0.1", "port": %d, "protocol": "socks",
                    "settings": {"auth": "noauth", "udp": true, "ip": "127.0.0.1"}},
                   {"tag": "ss-in", "listen": "127.0.0.1", "port": %d, "protocol": "shadowsocks",
                    "settings": {"method": "aes-128-gcm", "password": "udp counters", "network": "tcp,udp",
                                 "email": "u@x"}}],
                 "outbounds": [
                   {"tag": "direct", "protocol": "freedom", "settings": {"allowPrivate": true}},
                   {"tag": "ss-out", "protocol": "shadowsocks", "settings": {"servers": [{"address": "127.0.0.1",
                     "port": %d, "method": "aes-128-gcm", "password": "udp counters"}]}}],
                 "routing": {"rules": [{"type": "field", "inboundTag": ["api-in"], "outboundTag": "api"},
                                       {"type": "field", "inboundTag": ["socks-in"], "outboundTag": "ss-out"}]}}
                """.formatted(apiPort, socksPort, ssPort, peerSsPort);
    }

    @Test
    void udpCountersEqualV2raysForTheSameDatagrams() throws Exception {
        Path v2ctl = InteropCell.require(InteropCell.requireV2ray().resolveSibling("v2ctl").toString(), "v2ray");
        int vApi = FreePort.next();
        int vSocks = FreePort.next();
        int vSs = FreePort.next();
        int rApi = FreePort.next();
        int rSocks = FreePort.next();
        int rSs = FreePort.next();
        int payload = 0;
        try (InteropCell cell = InteropCell.open("udp-counters", 1);
             Side vtool = cell.vtool("vtool", config(vApi, vSocks, vSs, rSs), LogLevel.INFO);
             Side real = cell.v2ray("v2ray", config(rApi, rSocks, rSs, vSs), rSocks);
             Socks5Udp viaVtool = new Socks5Udp(vSocks);
             Socks5Udp viaV2ray = new Socks5Udp(rSocks)) {
            V2rayProcesses.awaitListening(rSs);
            Random r = new Random(16);
            for (int size : SIZES) {
                byte[] datagram = new byte[size];
                r.nextBytes(datagram);
                assertArrayEquals(datagram, exchange(viaVtool, cell.echoPort(), datagram, cell), "via vtool's socks");
                assertArrayEquals(datagram, exchange(viaV2ray, cell.echoPort(), datagram, cell), "via v2ray's socks");
                payload += size;
            }
            Map<String, Long> mine = Map.of();
            Map<String, Long> theirs = Map.of();
            // answers arrive before every counter has been added to on the far side: settle, bounded
            for (int i = 0; i < 40; i++) {
                mine = new TreeMap<>(vtool.engine().engine().stats().query("traffic", false));
                theirs = query(v2ctl, rApi);
                if (sameTraffic(mine, theirs, payload)) {
                    break;
                }
                Thread.sleep(100);
            }
            mine.keySet().removeIf(k -> k.contains("api-in"));
            theirs.keySet().removeIf(k -> k.contains("api-in"));
            assertEquals(theirs, mine, "vtool's counters (right) against v2ray's (left); vtool log: " + vtool.log());
            long n = SIZES.length;
            assertEquals(payload, mine.get("user>>>u@x>>>traffic>>>uplink"));
            assertEquals(payload, mine.get("user>>>u@x>>>traffic>>>downlink"));
            assertEquals(payload, mine.get("outbound>>>direct>>>traffic>>>uplink"));
            assertEquals(payload, mine.get("outbound>>>direct>>>traffic>>>downlink"));
            // aes-128-gcm datagrams: 16 bytes of salt, the 7-byte IPv4 address, the payload, a 16-byte tag
            assertEquals(payload + n * 39, mine.get("outbound>>>ss-out>>>traffic>>>uplink"));
            assertEquals(payload + n * 39, mine.get("outbound>>>ss-out>>>traffic>>>downlink"));
            assertEquals(payload + n * 39, mine.get("inbound>>>ss-in>>>traffic>>>uplink"));
        }
    }

    private static byte[] exchange(Socks5Udp via, int port, byte[] datagram, InteropCell cell) throws Exception {
        try {
            return via.exchange(port, datagram);
        } catch (java.net.SocketTimeoutException e) {
            throw new AssertionError("no answer to " + datagram.length + " bytes" + cell.logs(), e);
        }
    }

    private static boolean sameTraffic(Map<String, Long> mine, Map<String, Long> theirs, long payload) {
        Map<String, Long> a = new TreeMap<>(mine);
        Map<String, Long> b = new TreeMap<>(theirs);
        a.keySet().removeIf(k -> k.contains("api-in"));
        b.keySet().removeIf(k -> k.contains("api-in"));
        return a.equals(b) && Long.valueOf(payload).equals(a.get("outbound>>>direct>>>traffic>>>downlink"));
    }

    private static Map<String, Long> query(Path v2ctl, int apiPort) throws Exception {
        Process p = new ProcessBuilder(v2ctl.toString(), "api", "--server=127.0.0.1:" + apiPort,
                "StatsService.QueryStats", "pattern: \"traffic\" reset: false").redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readNBytes(1 << 20), StandardCharsets.UTF_8);
        if (!p.waitFor(15, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("v2ctl did not finish");
        }
        assertEquals(0, p.exitValue(), out);
        Map<String, Long> c = new TreeMap<>();
        Matcher m = STAT.matcher(out);
        while (m.find()) {
            c.put(m.group(1), m.group(2) == null ? 0 : Long.parseLong(m.group(2)));
        }
        return c;
    }
}
