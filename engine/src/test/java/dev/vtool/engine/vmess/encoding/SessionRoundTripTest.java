package dev.vtool.engine.vmess.encoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.engine.vmess.RequestCommand;
import dev.vtool.engine.vmess.SecurityType;
import dev.vtool.engine.vmess.VmessException;
import dev.vtool.engine.vmess.VmessId;
import dev.vtool.engine.vmess.VmessRandom;
import dev.vtool.engine.vmess.body.BodyDecoder;
import dev.vtool.engine.vmess.body.BodyEncoder;
import dev.vtool.engine.vmess.legacy.AlternateIds;
import dev.vtool.engine.vmess.legacy.SessionHistory;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Client encoder to server decoder and back, for every header mode x security x option set x command,
 * with payloads fed to the decoders in random splits.
 */
class SessionRoundTripTest {
    private static final ByteBufAllocator ALLOC = ByteBufAllocator.DEFAULT;
    private static final long NOW = 1_700_000_000L;
    private static final VmessId ID = VmessId.parse("b831381d-6324-4d53-ad4f-8cda48b30811");

    static Stream<Arguments> combinations() {
        List<Arguments> out = new ArrayList<>();
        for (boolean aead : new boolean[] {true, false}) {
            for (SecurityType s : new SecurityType[] {SecurityType.AES_128_GCM, SecurityType.CHACHA20_POLY1305, SecurityType.NONE, SecurityType.LEGACY}) {
                for (int options : new int[] {0x00, 0x01, 0x05, 0x0D}) {
                    for (RequestCommand c : new RequestCommand[] {RequestCommand.TCP, RequestCommand.UDP}) {
                        if (options == 0x00 && (s == SecurityType.AES_128_GCM || s == SecurityType.CHACHA20_POLY1305) && c == RequestCommand.UDP) {
                            // still valid: AEAD securities always chunk
                        }
                        out.add(Arguments.of(aead, s, options, c));
                    }
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "aead={0} {1} options={2} {3}")
    @MethodSource("combinations")
    void requestAndResponseSurviveTheRoundTrip(boolean aead, SecurityType security, int options, RequestCommand command) throws VmessException {
        Random rnd = new Random(31L * security.ordinal() + options + (aead ? 7 : 0) + command.ordinal());
        UserValidator validator = new UserValidator();
        validator.add(KeyedUser.of(ID, aead ? 0 : 4, 0, "a@b"), NOW);
        ClientSession client = aead ? new ClientSession(ID, List.of(), VmessRandom.SYSTEM)
                : new ClientSession(ID, AlternateIds.generate(ID, 4), VmessRandom.SYSTEM);
        RequestTarget target = command == RequestCommand.UDP ? RequestTarget.ip(new byte[] {8, 8, 4, 4}, 53)
                : RequestTarget.of("2001:db8::1", 443);
        byte[] header = client.encodeRequestHeader(options, security, command, target, NOW);

        ServerSession server = new ServerSession(validator, new SessionHistory(), NOW + 3, VmessRandom.SYSTEM);
        ByteBuf serverIn = Unpooled.buffer();
        RequestHeader got = null;
        for (int i = 0; i < header.length; ) {
            int n = Math.min(1 + rnd.nextInt(40), header.length - i);
            serverIn.writeBytes(header, i, n);
            i += n;
            got = server.decodeRequestHeader(serverIn);
        }
        assertNotNull(got);
        assertEquals(client.request(), got);
        assertEquals(aead, server.isAead());

        boolean chunked = (options & 0x01) != 0 || security == SecurityType.AES_128_GCM || security == SecurityType.CHACHA20_POLY1305;
        boolean packet = command == RequestCommand.UDP && chunked;
        List<byte[]> upload = payloads(rnd, packet);
        transfer(client.requestBodyEncoder(), server.requestBodyDecoder(), upload, serverIn, rnd, chunked, packet);
        serverIn.release();

        ByteBuf clientIn = Unpooled.buffer();
        byte[] responseHeader = server.encodeResponseHeader(ResponseHeader.EMPTY);
        BodyEncoder down = server.responseBodyEncoder();
        List<byte[]> download = payloads(rnd, packet);
        // Header and first body bytes may arrive in one read: the client must leave the body unread.
        clientIn.writeBytes(responseHeader);
        ByteBuf first = down.encode(Unpooled.wrappedBuffer(download.get(0)), ALLOC);
        clientIn.writeBytes(first);
        first.release();
        assertEquals(ResponseHeader.EMPTY, client.decodeResponseHeader(clientIn));
        BodyDecoder clientBody = client.responseBodyDecoder();
        List<ByteBuf> firstOut = new ArrayList<>();
        clientBody.decode(clientIn, ALLOC, firstOut);
        ByteArrayOutputStream firstBytes = new ByteArrayOutputStream();
        firstOut.forEach(b -> {
            firstBytes.writeBytes(ByteBufUtil.getBytes(b));
            b.release();
        });
        assertArrayEquals(download.get(0), firstBytes.toByteArray());
        transfer(down, clientBody, download.subList(1, download.size()), clientIn, rnd, chunked, packet);
        clientIn.release();
    }

    private static List<byte[]> payloads(Random rnd, boolean packet) {
        List<byte[]> out = new ArrayList<>();
        int[] sizes = packet ? new int[] {1, 5, 512, 1400, 1966, 1} : new int[] {7, 1, 2030, 2031, 8192, 8193, 70_000, 3};
        for (int s : sizes) {
            byte[] b = new byte[s];
            rnd.nextBytes(b);
            out.add(b);
        }
        return out;
    }

    private static void transfer(BodyEncoder encoder, BodyDecoder decoder, List<byte[]> payloads, ByteBuf wireIn,
                                 Random rnd, boolean chunked, boolean packet) throws VmessException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (byte[] p : payloads) {
            ByteBuf in = Unpooled.wrappedBuffer(p);
            ByteBuf framed = encoder.encode(in, ALLOC);
            assertEquals(0, in.readableBytes(), "payload consumed");
            wire.writeBytes(ByteBufUtil.getBytes(framed));
            framed.release();
            expected.writeBytes(p);
        }
        ByteBuf end = encoder.encodeEnd(ALLOC);
        assertEquals(chunked, end.isReadable(), "end marker iff chunked");
        wire.writeBytes(ByteBufUtil.getBytes(end));
        end.release();

        byte[] bytes = wire.toByteArray();
        List<byte[]> received = new ArrayList<>();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        boolean ended = false;
        for (int i = 0; i < bytes.length && !ended; ) {
            int n = Math.min(1 + rnd.nextInt(3000), bytes.length - i);
            wireIn.writeBytes(bytes, i, n);
            i += n;
            List<ByteBuf> out = new ArrayList<>();
            ended = decoder.decode(wireIn, ALLOC, out);
            for (ByteBuf b : out) {
                byte[] d = ByteBufUtil.getBytes(b);
                received.add(d);
                got.writeBytes(d);
                b.release();
            }
            wireIn.discardReadBytes();
        }
        assertEquals(chunked, ended, "end of stream seen");
        assertArrayEquals(expected.toByteArray(), got.toByteArray());
        if (packet) {
            assertEquals(payloads.size(), received.size(), "datagram boundaries kept");
            for (int i = 0; i < payloads.size(); i++) {
                assertArrayEquals(payloads.get(i), received.get(i));
            }
        }
        assertTrue(true);
    }
}
