package dev.vtool.cli.hostile;

import dev.vtool.engine.vmess.Fnv1a32;
import dev.vtool.engine.vmess.RequestCommand;
import dev.vtool.engine.vmess.SecurityType;
import dev.vtool.engine.vmess.VmessException;
import dev.vtool.engine.vmess.VmessId;
import dev.vtool.engine.vmess.VmessRandom;
import dev.vtool.engine.vmess.aead.AuthId;
import dev.vtool.engine.vmess.aead.SealedRequestHeader;
import dev.vtool.engine.vmess.body.BodyDecoder;
import dev.vtool.engine.vmess.encoding.ClientSession;
import dev.vtool.engine.vmess.encoding.RequestTarget;
import dev.vtool.engine.vmess.encoding.ResponseHeader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import dev.vtool.testkit.SocketProbe;
import dev.vtool.testkit.SocketProbe.Outcome;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/** A VMess client at the byte level, for probing a server with valid, replayed and malformed first flights. */
final class VmessWire {
    static final String ID = "b831381d-6324-4d53-ad4f-8cda48b30811";
    static final VmessId USER = VmessId.parse(ID);
    private static final SecureRandom RANDOM = new SecureRandom();

    private VmessWire() {
    }

    static long now() {
        return System.currentTimeMillis() / 1000;
    }

    static byte[] random(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    /** A valid AEAD first flight to 127.0.0.1:port stamped {@code timestamp}: header and one "ping" chunk. */
    static byte[] header(int port, long timestamp) throws VmessException {
        return request(RequestTarget.of("127.0.0.1", port), timestamp);
    }

    /** A valid AEAD first flight to any target, stamped {@code timestamp}: header and one "ping" chunk. */
    static byte[] request(RequestTarget target, long timestamp) throws VmessException {
        ClientSession c = new ClientSession(USER, List.of(), VmessRandom.SYSTEM);
        byte[] header = c.encodeRequestHeader(0x05, SecurityType.AES_128_GCM, RequestCommand.TCP, target, timestamp);
        ByteBuf framed = c.requestBodyEncoder().encode(Unpooled.wrappedBuffer("ping".getBytes(StandardCharsets.UTF_8)),
                UnpooledByteBufAllocator.DEFAULT);
        byte[] out = java.util.Arrays.copyOf(header, header.length + framed.readableBytes());
        framed.readBytes(out, header.length, framed.readableBytes());
        framed.release();
        return out;
    }

    /**
     * A sealed header whose plaintext the caller shapes: any option byte, security nibble, command and
     * address type, with a correct checksum, so the server authenticates it and then meets the field.
     */
    static byte[] shaped(int options, int security, int command, int addressType, int port) {
        ByteArrayOutputStream pt = new ByteArrayOutputStream();
        pt.write(1);
        pt.writeBytes(random(32));
        pt.write(0x42);
        pt.write(options);
        pt.write(security & 0x0F); // no padding
        pt.write(0);
        pt.write(command);
        pt.write(port >>> 8);
        pt.write(port);
        pt.write(addressType);
        switch (addressType) {
            case 1 -> pt.writeBytes(new byte[] {127, 0, 0, 1});
            case 2 -> {
                pt.write(9);
                pt.writeBytes("localhost".getBytes(StandardCharsets.US_ASCII));
            }
            case 3 -> pt.writeBytes(new byte[16]);
            default -> pt.writeBytes(random(4));
        }
        byte[] body = pt.toByteArray();
        int fnv = Fnv1a32.hash(body);
        pt.write(fnv >>> 24);
        pt.write(fnv >>> 16);
        pt.write(fnv >>> 8);
        pt.write(fnv);
        byte[] authId = AuthId.create(USER.cmdKeyUnsafe(), now(), random(4));
        return SealedRequestHeader.seal(USER.cmdKeyUnsafe(), authId, random(8), pt.toByteArray());
    }


    /** Sends bytes, then reads until the server closes (bounded). */
    static Outcome probe(int serverPort, byte[] first, int timeoutMillis) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", serverPort), 2000);
            s.getOutputStream().write(first);
            return SocketProbe.readUntilClosed(s, timeoutMillis);
        }
    }

    /** A complete proxied round trip through the server to an echo service; returns the echoed text. */
    static String echo(int serverPort, int echoPort, String text) throws IOException, VmessException {
        ClientSession c = new ClientSession(USER, List.of(), VmessRandom.SYSTEM);
        byte[] header = c.encodeRequestHeader(0x05, SecurityType.AES_128_GCM, RequestCommand.TCP,
                RequestTarget.of("127.0.0.1", echoPort), now());
        ByteBuf framed = c.requestBodyEncoder().encode(Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.UTF_8)),
                UnpooledByteBufAllocator.DEFAULT);
        byte[] body = new byte[framed.readableBytes()];
        framed.readBytes(body);
        framed.release();
        ByteBuf in = Unpooled.buffer();
        List<ByteBuf> out = new ArrayList<>();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", serverPort), 2000);
            s.setSoTimeout(5000);
            s.getOutputStream().write(header);
            s.getOutputStream().write(body);
            ResponseHeader response = null;
            BodyDecoder decoder = null;
            StringBuilder got = new StringBuilder();
            byte[] buf = new byte[4096];
            while (got.length() < text.length()) {
                int n = s.getInputStream().read(buf);
                if (n < 0) {
                    break;
                }
                in.writeBytes(buf, 0, n);
                if (response == null) {
                    response = c.decodeResponseHeader(in);
                    if (response == null) {
                        continue;
                    }
                    decoder = c.responseBodyDecoder();
                }
                decoder.decode(in, UnpooledByteBufAllocator.DEFAULT, out);
                for (ByteBuf b : out) {
                    got.append(b.toString(StandardCharsets.UTF_8));
                    b.release();
                }
                out.clear();
            }
            return got.toString();
        } finally {
            in.release();
        }
    }
}
