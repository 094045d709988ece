package dev.vtool.engine.vmess.body;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vtool.engine.LeakCheck;
import dev.vtool.engine.vmess.RequestCommand;
import dev.vtool.engine.vmess.SecurityType;
import dev.vtool.engine.vmess.VmessException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fuzzes the body decoders with every security, option byte (including GlobalPadding without
 * ChunkMasking, which crashes 4.34) and command: garbage in fuzzer-sized pieces must only raise
 * VmessException, and what the matching encoder framed must decode back to the same bytes.
 */
@ExtendWith(LeakCheck.class)
class ChunkDecoderFuzzTest {
    private static final SecurityType[] SECURITIES = {SecurityType.NONE, SecurityType.LEGACY,
            SecurityType.AES_128_GCM, SecurityType.CHACHA20_POLY1305, SecurityType.UNKNOWN, SecurityType.AUTO};
    private static final RequestCommand[] COMMANDS = RequestCommand.values();

    @FuzzTest(maxDuration = "60s")
    void garbage(FuzzedDataProvider data) {
        SecurityType security = SECURITIES[data.consumeInt(0, SECURITIES.length - 1)];
        int options = data.consumeInt(0, 255);
        RequestCommand command = COMMANDS[data.consumeInt(0, COMMANDS.length - 1)];
        byte[] key = data.consumeBytes(16);
        byte[] iv = data.consumeBytes(16);
        if (key.length < 16 || iv.length < 16) {
            return;
        }
        BodyDecoder decoder;
        try {
            decoder = BodyCodecs.decoder(security, options, command, key, iv, null);
        } catch (VmessException refused) {
            return;
        }
        ByteBuf in = Unpooled.buffer();
        List<ByteBuf> out = new ArrayList<>();
        try {
            while (data.remainingBytes() > 0) {
                in.writeBytes(data.consumeBytes(1 + data.consumeInt(0, 2000)));
                if (decoder.decode(in, ByteBufAllocator.DEFAULT, out)) {
                    break;
                }
                out.forEach(ByteBuf::release);
                out.clear();
            }
        } catch (VmessException expected) {
            // declared rejection
        } finally {
            in.release();
            out.forEach(ByteBuf::release);
        }
    }

    @FuzzTest(maxDuration = "60s")
    void roundTrip(FuzzedDataProvider data) throws VmessException {
        SecurityType security = SECURITIES[data.consumeInt(0, 3)];
        int options = data.consumeInt(0, 15);
        RequestCommand command = data.consumeBoolean() ? RequestCommand.UDP : RequestCommand.TCP;
        byte[] key = new byte[16];
        byte[] iv = new byte[16];
        Arrays.fill(key, (byte) data.consumeInt());
        Arrays.fill(iv, (byte) data.consumeInt());
        BodyEncoder encoder;
        BodyDecoder decoder;
        try {
            encoder = BodyCodecs.encoder(security, options, command, key, iv, null);
            decoder = BodyCodecs.decoder(security, options, command, key, iv, null);
        } catch (VmessException refused) {
            return;
        }
        ByteBuf wire = Unpooled.buffer();
        ByteBuf sent = Unpooled.buffer();
        List<ByteBuf> out = new ArrayList<>();
        ByteBuf got = Unpooled.buffer();
        try {
            int pieces = data.consumeInt(0, 4);
            for (int i = 0; i < pieces; i++) {
                byte[] payload = data.consumeBytes(data.consumeInt(command.isPacket() ? 1 : 0, 3000));
                ByteBuf framed;
                try {
                    framed = encoder.encode(Unpooled.wrappedBuffer(payload), ByteBufAllocator.DEFAULT);
                } catch (VmessException tooBig) {
                    continue;
                }
                sent.writeBytes(payload);
                wire.writeBytes(framed);
                framed.release();
            }
            boolean chunked = (options & 1) != 0 || security == SecurityType.AES_128_GCM
                    || security == SecurityType.CHACHA20_POLY1305;
            if (chunked) {
                ByteBuf end = encoder.encodeEnd(ByteBufAllocator.DEFAULT);
                wire.writeBytes(end);
                end.release();
            }
            decoder.decode(wire, ByteBufAllocator.DEFAULT, out);
            out.forEach(got::writeBytes);
            if (!got.equals(sent)) {
                throw new AssertionError(security + " options " + options + " " + command
                        + ": decoded bytes differ from what was encoded");
            }
        } finally {
            wire.release();
            sent.release();
            got.release();
            out.forEach(ByteBuf::release);
        }
    }
}
