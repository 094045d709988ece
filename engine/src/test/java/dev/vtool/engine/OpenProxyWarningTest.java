package dev.vtool.engine;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.schema.model.Config;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** docs/spec/security.md 1.6: a start-up warning for socks/http without authentication beyond loopback (checked without binding). */
class OpenProxyWarningTest {
    private static Config config(String settings, String protocol) throws Exception {
        return EngineHarness.config("""
                {"inbounds": [{"port": 1080, "protocol": "%s", "settings": %s}], "outbounds": [{"protocol": "freedom"}]}
                """.formatted(protocol, settings));
    }

    @Test
    void noAuthOnAllInterfacesIsNamedLoopbackAndPasswordsAreNot() throws Exception {
        InetAddress any = InetAddress.getByName("0.0.0.0");
        InetAddress loop = InetAddress.getByName("127.0.0.1");
        String w = Engine.openProxyWarning(config("{}", "socks").inbounds().get(0), any);
        assertTrue(w != null && w.contains("socks inbound without authentication listens on all interfaces port 1080"), w);
        assertTrue(Engine.openProxyWarning(config("{}", "http").inbounds().get(0), any).contains("open proxy"));
        assertNull(Engine.openProxyWarning(config("{}", "socks").inbounds().get(0), loop));
        assertNull(Engine.openProxyWarning(config("""
                {"auth": "password", "accounts": [{"user": "u", "pass": "p"}]}""", "socks").inbounds().get(0), any));
        assertNull(Engine.openProxyWarning(config("""
                {"accounts": [{"user": "u", "pass": "p"}]}""", "http").inbounds().get(0), any));
    }
}
