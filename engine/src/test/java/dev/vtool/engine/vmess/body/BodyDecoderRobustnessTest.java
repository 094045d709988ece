package dev.vtool.engine.vmess.body;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.engine.vmess.RequestCommand;
import dev.vtool.engine.vmess.SecurityType;
import dev.vtool.engine.vmess.VmessException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Hostile body input: only VmessException or "need more bytes", never another exception or a leak. */
class BodyDecoderRobustnessTest {
    private static final ByteBufAllocator ALLOC = ByteBufAllocator.DEFAULT;
    private final byte[] key = new byte[16];
    private final byte[] iv = new byte[16];

    private static final SecurityType[] SECURITIES = {SecurityType.AES_128_GCM, SecurityType.CHACHA20_POLY1305, SecurityType.NONE, SecurityType.LEGACY};
    private static final int[] OPTIONS = {0x01, 0x05, 0x0D};

    @Test
    void randomGarbageNeverEscapesAsAnotherException() throws VmessException {
        Random r = new Random(11);
        for (SecurityType s : SECURITIES) {
            for (int o : OPTIONS) {
                for (RequestCommand c : new RequestCommand[] {RequestCommand.TCP, RequestCommand.UDP}) {
                    for (int i = 0; i < 40; i++) {
                        BodyDecoder d = BodyCodecs.decoder(s, o, c, key, iv, null);
                        byte[] g = new byte[r.nextInt(5000)];
                        r.nextBytes(g);
                        ByteBuf in = Unpooled.wrappedBuffer(g);
                        List<ByteBuf> out = new ArrayList<>();
                        try {
                            d.decode(in, ALLOC, out);
                        } catch (VmessException expected) {
                            // declared rejection
                        } finally {
                            out.forEach(ByteBuf::release);
                            in.release();
                        }
                    }
                }
            }
        }
    }

    @Test
    void maximalLengthFieldWaitsWithoutAllocating() throws VmessException {
        BodyDecoder d = BodyCodecs.decoder(SecurityType.AES_128_GCM, 0x01, RequestCommand.TCP, key, iv, null);
        ByteBuf in = Unpooled.buffer().writeShort(0xFFFF).writeZero(1000);
        List<ByteBuf> out = new ArrayList<>();
        assertFalse(d.decode(in, ALLOC, out));
        assertTrue(out.isEmpty());
        assertEquals(1000, in.readableBytes(), "length consumed, body left until complete");
        in.writeZero(0xFFFF - 1000);
        assertThrows(VmessException.class, () -> d.decode(in, ALLOC, out), "65535 zero bytes do not authenticate");
        in.release();
    }

    private BodyDecoder decoderOrFail() {
        try {
            return BodyCodecs.decoder(SecurityType.AES_128_GCM, 0x01, RequestCommand.TCP, key, iv, null);
        } catch (VmessException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void lengthShorterThanTheTagIsRefused() {
        BodyDecoder d = decoderOrFail();
        ByteBuf in = Unpooled.buffer().writeShort(5).writeZero(5);
        VmessException e = assertThrows(VmessException.class, () -> d.decode(in, ALLOC, new ArrayList<>()));
        assertTrue(e.getMessage().startsWith("invalid chunk length 5"));
        in.release();
    }

    @Test
    void everyTamperedByteOfASealedChunkIsRejected() throws VmessException {
        for (SecurityType s : new SecurityType[] {SecurityType.AES_128_GCM, SecurityType.CHACHA20_POLY1305}) {
            BodyEncoder e = BodyCodecs.encoder(s, 0x01, RequestCommand.TCP, key, iv, null);
            ByteBuf payload = Unpooled.wrappedBuffer(new byte[100]);
            ByteBuf framed = e.encode(payload, ALLOC);
            byte[] wire = io.netty.buffer.ByteBufUtil.getBytes(framed);
            framed.release();
            payload.release();
            for (int i = 2; i < wire.length; i++) {
                byte[] t = wire.clone();
                t[i] ^= 0x01;
                BodyDecoder d = BodyCodecs.decoder(s, 0x01, RequestCommand.TCP, key, iv, null);
                ByteBuf in = Unpooled.wrappedBuffer(t);
                VmessException ex = assertThrows(VmessException.class, () -> d.decode(in, ALLOC, new ArrayList<>()), s + " byte " + i);
                assertTrue(ex.getMessage().contains("message authentication failed"));
                in.release();
            }
        }
    }

    @Test
    void legacyChunkWithBadChecksumIsRejected() throws VmessException {
        BodyEncoder e = BodyCodecs.encoder(SecurityType.LEGACY, 0x01, RequestCommand.TCP, key, iv, null);
        ByteBuf payload = Unpooled.wrappedBuffer(new byte[50]);
        ByteBuf framed = e.encode(payload, ALLOC);
        framed.setByte(10, framed.getByte(10) ^ 1);
        BodyDecoder d = BodyCodecs.decoder(SecurityType.LEGACY, 0x01, RequestCommand.TCP, key, iv, null);
        VmessException ex = assertThrows(VmessException.class, () -> d.decode(framed, ALLOC, new ArrayList<>()));
        assertEquals("failed to read chunk > invalid authentication", ex.getMessage());
        framed.release();
        payload.release();
    }

    @Test
    void oversizedDatagramIsRefusedWithoutDesynchronising() throws VmessException {
        BodyEncoder e = BodyCodecs.encoder(SecurityType.AES_128_GCM, 0x0D, RequestCommand.UDP, key, iv, null);
        BodyDecoder d = BodyCodecs.decoder(SecurityType.AES_128_GCM, 0x0D, RequestCommand.UDP, key, iv, null);
        ByteBuf big = Unpooled.wrappedBuffer(new byte[1967]);
        assertThrows(VmessException.class, () -> e.encode(big, ALLOC));
        big.release();
        ByteBuf small = Unpooled.wrappedBuffer(new byte[] {1, 2, 3});
        ByteBuf framed = e.encode(small, ALLOC);
        List<ByteBuf> out = new ArrayList<>();
        d.decode(framed, ALLOC, out);
        assertEquals(1, out.size());
        assertEquals(3, out.get(0).readableBytes());
        out.forEach(ByteBuf::release);
        framed.release();
        small.release();
    }

    @Test
    void globalPaddingWithoutMaskingIsRefusedByTheFactory() {
        assertThrows(VmessException.class, () -> BodyCodecs.decoder(SecurityType.AES_128_GCM, 0x09, RequestCommand.TCP, key, iv, null));
        assertThrows(VmessException.class, () -> BodyCodecs.encoder(SecurityType.NONE, 0x08, RequestCommand.TCP, key, iv, null));
    }

    @Test
    void emptyPayloadNeverProducesAnEndMarker() throws VmessException {
        for (SecurityType s : SECURITIES) {
            BodyEncoder e = BodyCodecs.encoder(s, 0x05, RequestCommand.TCP, key, iv, null);
            ByteBuf empty = Unpooled.buffer(0);
            ByteBuf framed = e.encode(empty, ALLOC);
            assertEquals(0, framed.readableBytes(), s.name());
            framed.release();
            empty.release();
        }
    }
}
