package dev.vtool.schema.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class LogLineParserTest {

    @Test
    void v2rayErrorLogLine() {
        LogLine l = new LogLineParser("server.log").next("2026/11/25 12:58:44 [Info] [3135433675] "
                + "v2ray.com/core/app/proxyman/inbound: connection ends > v2ray.com/core/proxy/vmess: Not Found");
        assertEquals("2026/11/25 12:58:44", l.time());
        assertEquals("Info", l.level());
        assertEquals("3135433675", l.session());
        assertEquals("v2ray.com/core/app/proxyman/inbound: connection ends > v2ray.com/core/proxy/vmess: Not Found",
                l.text());
        assertEquals(LogLine.Kind.MESSAGE, l.kind());
        assertEquals("server.log:1", l.where());
    }

    @Test
    void lineWithoutSessionOrTimestamp() {
        LogLineParser p = new LogLineParser("x");
        LogLine a = p.next("2026/11/25 12:58:38 [Warning] v2ray.com/core: V2Ray 4.34.0 started");
        assertNull(a.session());
        assertEquals("Warning", a.level());
        LogLine b = p.next("main: failed to read config files: [a.json] > v2ray.com/core/infra/conf: unknown config id: ss");
        assertNull(b.time());
        assertEquals(LogLine.Kind.OTHER, b.kind());
        assertEquals(2, b.lineNumber());
    }

    @Test
    void journalctlPrefixIsRemovedAndItsTimeKeptWhenV2rayHasNone() {
        LogLineParser p = new LogLineParser("journal");
        LogLine a = p.next("Nov 25 12:58:44 vps v2ray[811]: 2026/11/25 12:58:44 [Warning] [42] "
                + "v2ray.com/core/proxy/http: failed to read http request");
        assertEquals("2026/11/25 12:58:44", a.time());
        assertEquals("42", a.session());
        assertEquals("v2ray.com/core/proxy/http: failed to read http request", a.text());
        LogLine b = p.next("Nov  5 09:01:02 vps v2ray[811]: main: failed to create server > x");
        assertEquals("Nov  5 09:01:02", b.time());
        assertEquals("main: failed to create server > x", b.text());
        LogLine c = p.next("2026-11-25T12:58:44+0000 vps v2ray[811]: Failed to start x");
        assertEquals("2026-11-25T12:58:44+0000", c.time());
        assertEquals("Failed to start x", c.text());
    }

    @Test
    void accessLines() {
        LogLineParser p = new LogLineParser("access.log");
        assertEquals(LogLine.Kind.ACCESS_ACCEPTED,
                p.next("2026/11/25 12:58:44 tcp:127.0.0.1:33974 accepted tcp:www.example.com:443 [direct]").kind());
        LogLine r = p.next("2026/11/25 12:58:44 127.0.0.1:51050 rejected  v2ray.com/core/proxy/vmess/encoding: invalid user");
        assertEquals(LogLine.Kind.ACCESS_REJECTED, r.kind());
        assertEquals(LogLine.Kind.ACCESS_REJECTED, p.next("2026/11/25 12:58:44 [::1]:5000 rejected  x").kind());
    }

    @Test
    void panicAndItsGoroutineDump() {
        LogLineParser p = new LogLineParser("stderr");
        assertEquals(LogLine.Kind.PANIC, p.next("panic: open /etc/v2ray/config.json: no such file or directory").kind());
        assertEquals(LogLine.Kind.STACK, p.next("").kind());
        assertEquals(LogLine.Kind.STACK, p.next("goroutine 1 [running]:").kind());
        assertEquals(LogLine.Kind.STACK, p.next("main.main()").kind());
        assertEquals(LogLine.Kind.STACK, p.next("\t/build/v2ray/main/main.go:98 +0x1a5").kind());
        assertEquals(LogLine.Kind.STACK, p.next("v2ray.com/core.LoadConfig({0xcbb7b4, 0x4}, {0xb8b5a0, 0xc0001258f0})").kind());
        assertEquals(LogLine.Kind.MESSAGE, p.next("2026/11/25 12:58:44 [Info] back to normal").kind());
        assertEquals(LogLine.Kind.BLANK, p.next("   ").kind());
    }

    @Test
    void olderPrefixesStayInTheText() {
        LogLine l = new LogLineParser("old").next("2017/08/08 21:11:50 [Warning] Proxy|VMess|Encoding: invalid user");
        assertEquals("Proxy|VMess|Encoding: invalid user", l.text());
    }

    @Test
    void vtoolOwnFormat() {
        LogLine l = new LogLineParser("vtool").next("2026-11-25T12:58:44.123Z WARN [77] proxy/socks: unknown Socks version: 71");
        assertEquals("2026-11-25T12:58:44.123Z", l.time());
        assertEquals("Warning", l.level());
        assertEquals("77", l.session());
        assertEquals("proxy/socks: unknown Socks version: 71", l.text());
    }

    @Test
    void carriageReturnsAreDropped() {
        assertEquals("x y", new LogLineParser("w").next("2026/11/25 12:58:44 [Error] x y\r").text());
    }
}
