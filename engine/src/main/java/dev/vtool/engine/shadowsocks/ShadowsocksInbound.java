package dev.vtool.engine.shadowsocks;

import dev.vtool.engine.EngineContext;
import dev.vtool.engine.InboundHandler;
import dev.vtool.engine.Session;
import dev.vtool.engine.vmess.encoding.DrainBudget;
import dev.vtool.engine.vmess.inbound.RejectionLogLimiter;
import dev.vtool.schema.model.InboundConfig;
import dev.vtool.schema.model.Network;
import dev.vtool.schema.protocol.shadowsocks.ShadowsocksInboundSettings;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.zip.CRC32;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The shadowsocks inbound: one user (4.34 has no multi-user Shadowsocks server), TCP streams and, when
 * {@code network}/{@code udp} say so, UDP datagrams on the same port. Shares the master key, the drain
 * budget and the salt replay filter among its connections.
 */
public final class ShadowsocksInbound implements InboundHandler {
    static final String PKG = "proxy/shadowsocks";
    /** Request salts remembered per inbound (two generations of this many). */
    static final int SALT_MEMORY = 1 << 14;

    private final InboundConfig config;
    private final ShadowsocksInboundSettings settings;
    private final EngineContext context;
    private final byte[] masterKey;
    private final DrainBudget drain;
    private final SaltFilter salts = new SaltFilter(SALT_MEMORY);
    private final SecureRandom random = new SecureRandom();
    private final RejectionLogLimiter rejectionLog = new RejectionLogLimiter();

    private ShadowsocksInbound(InboundConfig config, EngineContext context) {
        this.config = config;
        this.settings = (ShadowsocksInboundSettings) config.settings();
        this.context = context;
        int size = Math.max(settings.method().keySize(), 16);
        this.masterKey = SsKeys.masterKey(settings.password(), size);
        this.drain = DrainBudget.fromSeed(behaviorSeed(masterKey));
    }

    public static InboundHandler create(InboundConfig config, EngineContext context) {
        return new ShadowsocksInbound(config, context);
    }

    /** 4.34's per-key seed of the drain budget: CRC32-IEEE(HMAC-SHA256(key "SSBSKDF", masterKey)). */
    static long behaviorSeed(byte[] masterKey) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec("SSBSKDF".getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
            CRC32 crc = new CRC32();
            crc.update(mac.doFinal(masterKey));
            return crc.getValue();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    @Override
    public void initConnection(Channel channel, Session session) {
        if (!settings.networks().contains(Network.TCP)) {
            // 4.34 would not listen on TCP at all for this inbound
            channel.close();
            return;
        }
        session.userEmail(settings.email());
        session.policy(context.policy(settings.level()));
        channel.pipeline().addLast("ss-server", new SsServerHandler(this, session));
    }

    @Override
    public boolean wantsUdp() {
        return settings.networks().contains(Network.UDP);
    }

    @Override
    public void initUdp(DatagramChannel channel) {
        channel.pipeline().addLast("ss-udp", new SsUdpServer(this, config.tag() == null ? "" : config.tag()));
    }

    @Override
    public boolean remoteFacing() {
        return true;
    }

    ShadowsocksInboundSettings settings() {
        return settings;
    }

    EngineContext context() {
        return context;
    }

    SsStreamDecoder newRequestDecoder() {
        return new SsStreamDecoder(settings.method(), masterKey(), salts);
    }

    SsStreamEncoder newResponseEncoder() {
        return new SsStreamEncoder(settings.method(), masterKey(), random);
    }

    SsPacketCodec packetCodec() {
        return new SsPacketCodec(settings.method(), masterKey(), random);
    }

    /** The key of the method's size ({@code none} keeps a 16-byte one for the drain seed only). */
    private byte[] masterKey() {
        return settings.method().aead() ? masterKey : new byte[0];
    }

    /** Bytes to read (from the connection start) before closing a failed handshake. */
    int drainBudget() {
        return drain.total(java.util.concurrent.ThreadLocalRandom.current().nextInt(drain.randMax()));
    }

    RejectionLogLimiter rejectionLog() {
        return rejectionLog;
    }
}
