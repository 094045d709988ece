package dev.vtool.engine.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * 4.34's protobuf handler configs, written field by field as protoc's code (and so grpcurl) writes them,
 * become the JSON a config file holds; what vtool does not decode is refused naming the message type.
 */
class ProtoHandlerConfigsTest {
    static final String ID = "b831381d-6324-4d53-ad4f-8cda48b30811";

    static byte[] typed(String type, byte[] value) {
        return new ProtoWriter().string(1, type).bytes(2, value).toByteArray();
    }

    static byte[] ip(int a, int b, int c, int d) {
        return new ProtoWriter().bytes(1, new byte[] {(byte) a, (byte) b, (byte) c, (byte) d}).toByteArray();
    }

    static byte[] user(int level, String email, String accountType, byte[] account) {
        return new ProtoWriter().varint(1, level).string(2, email).bytes(3, typed(accountType, account)).toByteArray();
    }

    /** ReceiverConfig: port_range 1, listen 2, stream_settings 4, sniffing_settings 8. */
    static byte[] receiver(int port, byte[] stream) {
        ProtoWriter w = new ProtoWriter()
                .bytes(1, new ProtoWriter().varint(1, port).varint(2, port).toByteArray())
                .bytes(2, ip(127, 0, 0, 1));
        if (stream != null) {
            w.bytes(4, stream);
        }
        return w.toByteArray();
    }

    /** A vmess inbound with one user: InboundHandlerConfig{tag, ReceiverConfig, vmess.inbound.Config}. */
    static byte[] vmessInbound(String tag, int port, String id, String email) {
        byte[] account = new ProtoWriter().string(1, id).toByteArray();
        byte[] config = new ProtoWriter().bytes(1, user(0, email, "v2ray.core.proxy.vmess.Account", account))
                .toByteArray();
        byte[] handler = new ProtoWriter().string(1, tag)
                .bytes(2, typed("v2ray.core.app.proxyman.ReceiverConfig", receiver(port, null)))
                .bytes(3, typed("v2ray.core.proxy.vmess.inbound.Config", config)).toByteArray();
        return new ProtoWriter().bytes(1, handler).toByteArray(); // AddInboundRequest{inbound = 1}
    }

    private static String inbound(byte[] addRequest) throws Exception {
        return ProtoInbounds.json(HandlerMessages.decodeAdd(addRequest));
    }

    @Test
    void aVmessInboundBecomesItsConfigFileObject() throws Exception {
        assertEquals("{\"tag\": \"vm2\", \"port\": 10086, \"listen\": \"127.0.0.1\", \"protocol\": \"vmess\", "
                        + "\"settings\": {\"clients\": [{\"email\": \"a@b\", \"id\": \"" + ID + "\", \"alterId\": 0}]}}",
                inbound(vmessInbound("vm2", 10086, ID, "a@b")));
    }

    @Test
    void websocketAndTlsStreamSettings() throws Exception {
        byte[] ws = new ProtoWriter().string(2, "/ray").bytes(3, new ProtoWriter().string(1, "Host").string(2, "x.example")
                .toByteArray()).toByteArray();
        byte[] transport = new ProtoWriter().string(3, "websocket")
                .bytes(2, typed("v2ray.core.transport.internet.websocket.Config", ws)).toByteArray();
        byte[] cert = new ProtoWriter().bytes(1, "-----BEGIN CERTIFICATE-----\nAAA\n-----END CERTIFICATE-----\n"
                .getBytes(StandardCharsets.UTF_8)).bytes(2, "K".getBytes(StandardCharsets.UTF_8)).toByteArray();
        byte[] tls = new ProtoWriter().bytes(2, cert).string(3, "x.example").bytes(4, "http/1.1".getBytes(StandardCharsets.UTF_8))
                .toByteArray();
        byte[] stream = new ProtoWriter().string(5, "websocket").bytes(2, transport)
                .string(3, "v2ray.core.transport.internet.tls.Config")
                .bytes(4, typed("v2ray.core.transport.internet.tls.Config", tls)).toByteArray();
        byte[] socks = new ProtoWriter().varint(1, 1).bytes(2, new ProtoWriter().string(1, "u").string(2, "p").toByteArray())
                .bool(4, true).toByteArray();
        byte[] handler = new ProtoWriter().string(1, "s")
                .bytes(2, typed("v2ray.core.app.proxyman.ReceiverConfig", receiver(1080, stream)))
                .bytes(3, typed("v2ray.core.proxy.socks.ServerConfig", socks)).toByteArray();
        assertEquals("{\"tag\": \"s\", \"port\": 1080, \"listen\": \"127.0.0.1\", \"streamSettings\": {\"network\": \"ws\", "
                + "\"wsSettings\": {\"path\": \"/ray\", \"headers\": {\"Host\": \"x.example\"}}, \"security\": \"tls\", "
                + "\"tlsSettings\": {\"serverName\": \"x.example\", \"alpn\": [\"http/1.1\"], \"certificates\": "
                + "[{\"certificate\": [\"-----BEGIN CERTIFICATE-----\", \"AAA\", \"-----END CERTIFICATE-----\"], "
                + "\"key\": [\"K\"]}]}}, \"protocol\": \"socks\", \"settings\": {\"auth\": \"password\", "
                + "\"accounts\": [{\"user\": \"u\", \"pass\": \"p\"}], \"udp\": true}}",
                inbound(new ProtoWriter().bytes(1, handler).toByteArray()));
    }

    @Test
    void shadowsocksAndDokodemoInbounds() throws Exception {
        byte[] ss = new ProtoWriter().bytes(2, user(1, "s@x", "v2ray.core.proxy.shadowsocks.Account",
                new ProtoWriter().string(1, "pw").varint(2, 3).toByteArray()))
                .bytes(3, new byte[] {2, 3}).toByteArray(); // packed networks: TCP, UDP
        String json = inbound(new ProtoWriter().bytes(1, new ProtoWriter()
                .bytes(2, typed("v2ray.core.app.proxyman.ReceiverConfig", receiver(8388, null)))
                .bytes(3, typed("v2ray.core.proxy.shadowsocks.ServerConfig", ss)).toByteArray()).toByteArray());
        assertTrue(json.endsWith("\"protocol\": \"shadowsocks\", \"settings\": {\"level\": 1, \"email\": \"s@x\", "
                + "\"method\": \"chacha20-poly1305\", \"password\": \"pw\", \"network\": \"tcp,udp\"}}"), json);
        byte[] doko = new ProtoWriter().bytes(1, ip(10, 0, 0, 1)).varint(2, 53).varint(7, 3).toByteArray();
        json = inbound(new ProtoWriter().bytes(1, new ProtoWriter()
                .bytes(2, typed("v2ray.core.app.proxyman.ReceiverConfig", receiver(5353, null)))
                .bytes(3, typed("v2ray.core.proxy.dokodemo.Config", doko)).toByteArray()).toByteArray());
        assertTrue(json.endsWith("\"protocol\": \"dokodemo-door\", \"settings\": {\"address\": \"10.0.0.1\", "
                + "\"port\": 53, \"network\": \"udp\"}}"), json);
    }

    @Test
    void outboundsWithTheirSenderSettings() throws Exception {
        byte[] account = new ProtoWriter().string(1, ID).bytes(3, new ProtoWriter().varint(1, 3).toByteArray())
                .toByteArray();
        byte[] endpoint = new ProtoWriter().bytes(1, new ProtoWriter().string(2, "example.com").toByteArray())
                .varint(2, 443).bytes(3, user(0, "", "v2ray.core.proxy.vmess.Account", account)).toByteArray();
        byte[] sender = new ProtoWriter().bytes(3, new ProtoWriter().string(1, "hop").toByteArray())
                .bytes(4, new ProtoWriter().bool(1, true).varint(2, 4).toByteArray()).toByteArray();
        byte[] handler = new ProtoWriter().string(1, "out")
                .bytes(2, typed("v2ray.core.app.proxyman.SenderConfig", sender))
                .bytes(3, typed("v2ray.core.proxy.vmess.outbound.Config", new ProtoWriter().bytes(1, endpoint).toByteArray()))
                .toByteArray();
        assertEquals("{\"tag\": \"out\", \"proxySettings\": {\"tag\": \"hop\"}, \"mux\": {\"enabled\": true, "
                + "\"concurrency\": 4}, \"protocol\": \"vmess\", \"settings\": {\"vnext\": [{\"address\": \"example.com\", "
                + "\"port\": 443, \"users\": [{\"id\": \"" + ID + "\", \"alterId\": 0, \"security\": \"aes-128-gcm\"}]}]}}",
                ProtoOutbounds.json(HandlerMessages.HandlerConfig.decode(handler)));
        byte[] freedom = new ProtoWriter().varint(1, 2).toByteArray();
        assertEquals("{\"tag\": \"direct\", \"protocol\": \"freedom\", \"settings\": {\"domainStrategy\": \"UseIPv4\"}}",
                ProtoOutbounds.json(HandlerMessages.HandlerConfig.decode(new ProtoWriter().string(1, "direct")
                        .bytes(3, typed("v2ray.core.proxy.freedom.Config", freedom)).toByteArray())));
    }

    @Test
    void refusesWhatItDoesNotDecodeByName() {
        byte[] kcp = new ProtoWriter().string(5, "mkcp").toByteArray();
        byte[] handler = new ProtoWriter()
                .bytes(2, typed("v2ray.core.app.proxyman.ReceiverConfig", receiver(1, kcp)))
                .bytes(3, typed("v2ray.core.proxy.socks.ServerConfig", new byte[0])).toByteArray();
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> ProtoInbounds.json(HandlerMessages.HandlerConfig.decode(handler)));
        assertEquals(Status.Code.UNIMPLEMENTED, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().startsWith("vtool does not decode transport mkcp in receiver_settings"),
                e.getMessage());
        byte[] wrongAccount = new ProtoWriter().bytes(1, user(0, "", "v2ray.core.proxy.vless.Account", new byte[0]))
                .toByteArray();
        byte[] vmess = new ProtoWriter()
                .bytes(2, typed("v2ray.core.app.proxyman.ReceiverConfig", receiver(1, null)))
                .bytes(3, typed("v2ray.core.proxy.vmess.inbound.Config", wrongAccount)).toByteArray();
        e = assertThrows(StatusRuntimeException.class, () -> ProtoInbounds.json(HandlerMessages.HandlerConfig.decode(vmess)));
        assertTrue(e.getStatus().getDescription().contains("v2ray.core.proxy.vless.Account"), e.getMessage());
    }
}
