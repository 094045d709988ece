package dev.vtool.engine.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.engine.EngineHarness;
import dev.vtool.engine.LeakCheck;
import dev.vtool.schema.model.LogLevel;
import dev.vtool.testkit.FreePort;
import dev.vtool.testkit.V2rayProcesses;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dokodemo-door (tcp and udp) routed to the dns outbound, with dnsmasq behind it — the same config run by
 * vtool and by the real v2ray 4.34: A/AAAA queries are answered from the built-in DNS (hosts, or dnsmasq
 * asked by the built-in DNS), other types are forwarded to dnsmasq as they are; both give the client the
 * same answers, over UDP (a message per datagram) and over TCP (length-prefixed messages, several on one
 * connection).
 */
@ExtendWith(LeakCheck.class)
class DnsOutboundTest {
    @RegisterExtension
    final V2rayProcesses v2ray = new V2rayProcesses();

    @TempDir
    Path tmp;

    private static String config(int port, int dnsmasq) {
        return config(port, dnsmasq, "{}");
    }

    /** @param dnsSettings the dns outbound's settings */
    private static String config(int port, int dnsmasq, String dnsSettings) {
        return """
                {"log": {"loglevel": "debug"},
                 "dns": {"servers": [{"address": "127.0.0.1", "port": %2$d}], "hosts": {"hosted.test": "192.0.2.44"}},
                 "inbounds": [{"tag": "dns-in", "listen": "127.0.0.1", "port": %1$d, "protocol": "dokodemo-door",
                               "settings": {"address": "127.0.0.1", "port": %2$d, "network": "tcp,udp"}}],
                 "routing": {"rules": [{"type": "field", "inboundTag": ["dns-in"], "outboundTag": "dns-out"}]},
                 "outbounds": [{"protocol": "freedom"}, {"tag": "dns-out", "protocol": "dns", "settings": %3$s}]}
                """.formatted(port, dnsmasq, dnsSettings);
    }

    private static final List<String> EXPECTED = List.of(
            "www.example.test. type 1: id true rcode 0 aa true [10.0.0.1] ttl 600",
            "hosted.test. type 1: id true rcode 0 aa true [192.0.2.44] ttl 600",
            "hosted.test. type 28: id true rcode 0 aa true []",
            "txt.example.test. type 16: id true rcode 5 aa false []"); // dnsmasq has no upstream: REFUSED

    /** One query and its answer over some client transport. */
    private interface Exchange {
        byte[] ask(byte[] query) throws Exception;
    }

    /** What the client sees for each query: rcode, flags that matter and the answers with their TTL. */
    private static List<String> ask(Exchange client) throws Exception {
        List<String> out = new ArrayList<>();
        int id = 100;
        for (Object[] q : new Object[][] {{"www.example.test.", DnsWire.TYPE_A}, {"hosted.test.", DnsWire.TYPE_A},
                {"hosted.test.", DnsWire.TYPE_AAAA}, {"txt.example.test.", 16}}) {
            ByteBuf query = DnsWire.query(++id, (String) q[0], (int) q[1], null);
            byte[] bytes = io.netty.buffer.ByteBufUtil.getBytes(query);
            query.release();
            byte[] buf = client.ask(bytes);
            ByteBuf in = Unpooled.wrappedBuffer(buf);
            DnsWire.Response r = DnsWire.response(in);
            in.release();
            boolean authoritative = (buf[2] & 0x04) != 0;
            out.add(q[0] + " type " + q[1] + ": id " + (r.id() == id) + " rcode " + r.rcode() + " aa " + authoritative
                    + " " + r.ips().stream().map(InetAddress::getHostAddress).toList()
                    + (r.ips().isEmpty() ? "" : " ttl " + r.ttlSeconds()));
        }
        return out;
    }

    private static List<String> askUdp(int port) throws Exception {
        try (DatagramSocket client = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            client.setSoTimeout(6000);
            return ask(query -> {
                client.send(new DatagramPacket(query, query.length, new InetSocketAddress("127.0.0.1", port)));
                byte[] buf = new byte[1500];
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                client.receive(p);
                return Arrays.copyOf(buf, p.getLength());
            });
        }
    }

    /** Every query on one TCP connection, each with its 2-byte length (RFC 1035 4.2.2), as dig +tcp sends. */
    private static List<String> askTcp(int port) throws Exception {
        try (Socket client = new Socket()) {
            client.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            client.setSoTimeout(6000);
            DataOutputStream out = new DataOutputStream(client.getOutputStream());
            DataInputStream in = new DataInputStream(client.getInputStream());
            return ask(query -> {
                out.writeShort(query.length);
                out.write(query);
                out.flush();
                byte[] answer = new byte[in.readUnsignedShort()];
                in.readFully(answer);
                return answer;
            });
        }
    }

    @Test
    void answersAddressQueriesFromTheBuiltInDnsAndForwardsTheRest() throws Exception {
        List<String> vtoolAnswers;
        try (Dnsmasq dnsmasq = new Dnsmasq(60, "/example.test/10.0.0.1")) {
            int port = FreePort.next();
            try (EngineHarness h = new EngineHarness(config(port, dnsmasq.port()), LogLevel.DEBUG)) {
                vtoolAnswers = askUdp(port);
            }
            assertEquals(EXPECTED, vtoolAnswers);
            // dnsmasq saw the built-in DNS's A query (not the client's AAAA for hosts), and the forwarded TXT
            List<String> seen = dnsmasq.awaitQueries(2);
            assertEquals(List.of("A www.example.test", "TXT txt.example.test"), seen.stream().sorted().toList());
        }
        // the real v2ray 4.34 on the same config gives the client the same answers
        try (Dnsmasq dnsmasq = new Dnsmasq(60, "/example.test/10.0.0.1")) {
            int port = FreePort.next();
            Path cfg = tmp.resolve("v2ray.json");
            Files.writeString(cfg, config(port, dnsmasq.port()));
            Process p = v2ray.start(cfg, tmp.resolve("v2ray.log"));
            V2rayProcesses.awaitListening(port, p);
            assertEquals(vtoolAnswers, askUdp(port), Files.readString(tmp.resolve("v2ray.log")));
            assertTrue(dnsmasq.awaitQueries(2).contains("TXT txt.example.test"));
        }
    }

    @Test
    void answersAddressQueriesOverTcpLikeOverUdp() throws Exception {
        try (Dnsmasq dnsmasq = new Dnsmasq(60, "/example.test/10.0.0.1")) {
            int port = FreePort.next();
            try (EngineHarness h = new EngineHarness(config(port, dnsmasq.port()), LogLevel.DEBUG)) {
                assertEquals(EXPECTED, askTcp(port), h::log);
            }
            // the client's AAAA for hosts was answered here, not forwarded; the TXT went to dnsmasq over TCP
            List<String> seen = dnsmasq.awaitQueries(2);
            assertEquals(List.of("A www.example.test", "TXT txt.example.test"), seen.stream().sorted().toList());
        }
        try (Dnsmasq dnsmasq = new Dnsmasq(60, "/example.test/10.0.0.1")) {
            int port = FreePort.next();
            Path cfg = tmp.resolve("v2ray-tcp.json");
            Files.writeString(cfg, config(port, dnsmasq.port()));
            Process p = v2ray.start(cfg, tmp.resolve("v2ray-tcp.log"));
            V2rayProcesses.awaitListening(port, p);
            assertEquals(EXPECTED, askTcp(port), Files.readString(tmp.resolve("v2ray-tcp.log")));
        }
    }

    /** The server's network decides how forwarded queries travel, whatever the client used (4.34's choice). */
    @Test
    void forwardsOverTheServersNetwork() throws Exception {
        for (String[] c : new String[][] {{"udp", "tcp"}, {"tcp", "udp"}}) {
            try (Dnsmasq dnsmasq = new Dnsmasq(60, "/example.test/10.0.0.1")) {
                int port = FreePort.next();
                String json = config(port, dnsmasq.port(), "{\"network\": \"" + c[1] + "\"}");
                try (EngineHarness h = new EngineHarness(json, LogLevel.DEBUG)) {
                    assertEquals(EXPECTED, c[0].equals("udp") ? askUdp(port) : askTcp(port), () -> c[0] + " client, "
                            + c[1] + " server\n" + h.log());
                }
            }
        }
    }
}
