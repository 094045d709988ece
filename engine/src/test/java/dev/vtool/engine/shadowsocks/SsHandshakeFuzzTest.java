package dev.vtool.engine.shadowsocks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vtool.engine.EngineHarnessAccess;
import dev.vtool.engine.FuzzContexts;
import dev.vtool.engine.LeakCheck;
import dev.vtool.schema.protocol.shadowsocks.ShadowsocksMethod;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Jazzer fuzzing of the Shadowsocks parsers (mvn test replays the seeds under
 * SsHandshakeFuzzTestInputs/; JAZZER_FUZZ=1 fuzzes): the server handshake fed raw garbage or a
 * fuzzer-chosen plaintext sealed under the right key (so the address parser is reached), in
 * fuzzer-sized pieces with or without an early EOF; UDP datagrams; the client's response stream. Only
 * declared rejections may happen: no exception escapes the pipeline, nothing is ever sent back, no leak.
 */
@ExtendWith(LeakCheck.class)
class SsHandshakeFuzzTest {
    private static final String PASSWORD = "fuzz";
    private static final ShadowsocksMethod[] METHODS = ShadowsocksMethod.values();
    private static final ShadowsocksInbound[] INBOUNDS = new ShadowsocksInbound[METHODS.length];

    private static synchronized ShadowsocksInbound inbound(ShadowsocksMethod m) throws Exception {
        if (INBOUNDS[m.ordinal()] == null) {
            String json = """
                    {"inbounds": [{"port": 1, "protocol": "shadowsocks", "settings": {"method": "%s", "password": "%s"}}],
                     "outbounds": [{"protocol": "freedom"}]}
                    """.formatted(m.canonical(), PASSWORD);
            INBOUNDS[m.ordinal()] = (ShadowsocksInbound) ShadowsocksInbound.create(
                    EngineHarnessAccess.config(json).inbounds().get(0), FuzzContexts.create(json));
        }
        return INBOUNDS[m.ordinal()];
    }

    private static byte[] seal(ShadowsocksMethod m, byte[] plain) {
        SsStreamEncoder enc = new SsStreamEncoder(m, SsKeys.masterKey(PASSWORD, m.keySize()), new SecureRandom());
        ByteBuf in = Unpooled.wrappedBuffer(plain);
        ByteBuf out = enc.encode(in, ByteBufAllocator.DEFAULT);
        in.release();
        try {
            return ByteBufUtil.getBytes(out);
        } finally {
            out.release();
        }
    }

    @FuzzTest(maxDuration = "60s")
    void serverHandshake(FuzzedDataProvider data) throws Exception {
        ShadowsocksMethod m = METHODS[data.consumeInt(0, METHODS.length - 1)];
        boolean sealed = data.consumeBoolean();
        boolean eof = data.consumeBoolean();
        byte[] wire = sealed ? seal(m, data.consumeBytes(data.consumeInt(0, 600))) : new byte[0];
        EmbeddedChannel ch = new EmbeddedChannel(new SsServerHandler(inbound(m), FuzzContexts.session()));
        try {
            int at = 0;
            while (ch.isOpen() && (at < wire.length || data.remainingBytes() > 0)) {
                byte[] piece;
                if (at < wire.length) {
                    int n = Math.min(wire.length - at, 1 + data.consumeInt(0, 200));
                    piece = java.util.Arrays.copyOfRange(wire, at, at + n);
                    at += n;
                } else {
                    piece = data.consumeBytes(1 + data.consumeInt(0, 2000));
                }
                ch.writeInbound(Unpooled.wrappedBuffer(piece));
            }
            if (eof && ch.isOpen()) {
                ch.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
            }
            ch.checkException();
            assertNull(ch.readOutbound(), "the server answered a request it never relayed");
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    @FuzzTest(maxDuration = "30s")
    void datagram(FuzzedDataProvider data) throws Exception {
        ShadowsocksMethod m = METHODS[data.consumeInt(0, METHODS.length - 1)];
        SsPacketCodec codec = new SsPacketCodec(m, SsKeys.masterKey(PASSWORD, m.keySize()), new SecureRandom());
        boolean sealed = data.consumeBoolean() && m.aead();
        byte[] raw = data.consumeRemainingAsBytes();
        if (sealed) {
            byte[] salt = new byte[m.keySize()];
            SsAead aead = SsAead.create(m, SsKeys.subkey(SsKeys.masterKey(PASSWORD, m.keySize()), salt, 0, m.keySize()), true);
            byte[] out = new byte[salt.length + raw.length + SsAead.TAG];
            aead.seal(raw, 0, raw.length, out, salt.length);
            raw = out;
        }
        ByteBuf in = Unpooled.wrappedBuffer(raw);
        try {
            SsPacketCodec.Packet p = codec.decode(in, ByteBufAllocator.DEFAULT);
            try {
                ByteBuf again = codec.encode(p.address(), p.payload(), ByteBufAllocator.DEFAULT);
                try {
                    SsPacketCodec.Packet q = codec.decode(again, ByteBufAllocator.DEFAULT);
                    assertEquals(p.address(), q.address());
                    assertArrayEquals(ByteBufUtil.getBytes(p.payload()), ByteBufUtil.getBytes(q.payload()));
                    q.payload().release();
                } finally {
                    again.release();
                }
            } finally {
                p.payload().release();
            }
        } catch (SsException rejected) {
            // declared rejection
        } finally {
            in.release();
        }
    }

    @FuzzTest(maxDuration = "30s")
    void responseStream(FuzzedDataProvider data) {
        ShadowsocksMethod m = METHODS[data.consumeInt(0, METHODS.length - 1)];
        SsStreamDecoder dec = new SsStreamDecoder(m, SsKeys.masterKey(PASSWORD, m.keySize()), null);
        ByteBuf in = Unpooled.buffer();
        List<ByteBuf> out = new ArrayList<>();
        try {
            while (data.remainingBytes() > 0) {
                in.writeBytes(data.consumeBytes(1 + data.consumeInt(0, 3000)));
                if (dec.decode(in, ByteBufAllocator.DEFAULT, out)) {
                    break;
                }
                out.forEach(ByteBuf::release);
                out.clear();
                in.discardReadBytes();
            }
        } catch (SsException rejected) {
            // declared rejection
        } finally {
            in.release();
            out.forEach(ByteBuf::release);
        }
    }
}
