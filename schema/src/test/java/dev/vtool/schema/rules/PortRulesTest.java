package dev.vtool.schema.rules;

import static dev.vtool.schema.rules.RuleTester.CLIENT_IN;
import static dev.vtool.schema.rules.RuleTester.FREEDOM_OUT;
import static dev.vtool.schema.rules.RuleTester.config;
import static dev.vtool.schema.rules.RuleTester.none;
import static dev.vtool.schema.rules.RuleTester.run;
import static dev.vtool.schema.rules.RuleTester.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.schema.finding.Finding;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Inbound ports, server ports, shared ports and loops. */
class PortRulesTest {
    private final InvalidPortRule ports = new InvalidPortRule(Map.of("V2_PORT", "1080")::get);

    @Test
    void reversedRangeSuggestsTheRightOrder() {
        Finding f = single(ports, config("[{\"port\": \"2000-1000\", \"protocol\": \"socks\"}]", FREEDOM_OUT));
        assertTrue(f.message().contains("invalid port range 2000 -> 1000"), f.message());
        assertEquals("write the smaller port first: \"1000-2000\"", f.fix());
    }

    @Test
    void malformedPortsQuoteTheRawValue() {
        Finding f = single(ports, config("[{\"port\": \"1080,1081\", \"protocol\": \"socks\"}]", FREEDOM_OUT));
        assertTrue(f.message().contains("invalid port range: \"1080,1081\""), f.message());
        none(ports, config("[{\"port\": \"env:V2_PORT\", \"protocol\": \"socks\"}]", FREEDOM_OUT));
        single(ports, config("[{\"port\": \"env:NOT_SET\", \"protocol\": \"socks\"}]", FREEDOM_OUT));
    }

    @Test
    void missingPortUnlessUnixSocketOrTopLevelPort() {
        Finding any = single(ports, config("[{\"protocol\": \"socks\"}]", FREEDOM_OUT));
        assertTrue(any.message().contains("Listen on AnyIP but no Port(s) set in InboundDetour."), any.message());
        Finding ip = single(ports, config("[{\"listen\": \"127.0.0.1\", \"protocol\": \"socks\"}]", FREEDOM_OUT));
        assertTrue(ip.message().contains("Listen on specific ip without port"), ip.message());
        none(ports, config("[{\"listen\": \"/run/v2ray.sock\", \"protocol\": \"socks\"}]", FREEDOM_OUT));
        none(ports, "{\"port\": 1080, \"inbounds\": [{\"protocol\": \"socks\"}]}");
    }

    @Test
    void serverPortsAreNumbersAndNotZeroForShadowsocksAndTrojan() {
        Finding str = single(ports, config(CLIENT_IN, "[{\"protocol\": \"socks\", \"settings\": {\"servers\": "
                + "[{\"address\": \"a.b\", \"port\": \"1080\"}]}}]"));
        assertEquals("drop the quotes: \"port\": 1080", str.fix());
        Finding ss = single(ports, config(CLIENT_IN, "[{\"protocol\": \"shadowsocks\", \"settings\": {\"servers\": "
                + "[{\"address\": \"a.b\", \"method\": \"none\", \"password\": \"p\"}]}}]"));
        assertTrue(ss.message().contains("Invalid Shadowsocks port."), ss.message());
        none(ports, config(CLIENT_IN, RuleTester.vmessOut("{\"id\": \"" + RuleTester.UUID + "\"}")));
    }

    @Test
    void sharedPortOnlyWhenAddressTransportAndPortsOverlap() {
        Finding f = single(new SharedListenPortRule(), config("[{\"port\": 1080, \"protocol\": \"socks\"},\n"
                + "{\"listen\": \"127.0.0.1\", \"port\": \"1000-2000\", \"protocol\": \"http\"}]", FREEDOM_OUT));
        assertEquals(3, f.location().line());
        assertTrue(f.message().contains("SO_REUSEPORT"), f.message());
        // mKCP is UDP: no clash with a TCP inbound on the same number
        none(new SharedListenPortRule(), config("[{\"port\": 1080, \"protocol\": \"socks\"},"
                + "{\"port\": 1080, \"protocol\": \"vmess\", \"streamSettings\": {\"network\": \"kcp\"}}]", FREEDOM_OUT));
        none(new SharedListenPortRule(), config("[{\"listen\": \"127.0.0.1\", \"port\": 1080, \"protocol\": \"socks\"},"
                + "{\"listen\": \"127.0.0.2\", \"port\": 1080, \"protocol\": \"http\"}]", FREEDOM_OUT));
    }

    @Test
    void loopToOwnInbound() {
        Finding f = single(new PortLoopRule(), config(CLIENT_IN, "[{\"protocol\": \"http\", \"settings\": {\"servers\": "
                + "[{\"address\": \"localhost\", \"port\": 1080}]}}]"));
        assertTrue(f.message().contains("loops back"), f.message());
        none(new PortLoopRule(), config(CLIENT_IN, "[{\"protocol\": \"http\", \"settings\": {\"servers\": "
                + "[{\"address\": \"127.0.0.1\", \"port\": 8118}]}}]"));
        assertEquals(0, run(new PortLoopRule(), config(CLIENT_IN, "[{\"protocol\": \"http\", \"settings\": {\"servers\": "
                + "[{\"address\": \"203.0.113.7\", \"port\": 1080}]}}]")).size());
    }
}
