package dev.vtool.engine.shadowsocks;

import dev.vtool.engine.Destination;
import dev.vtool.schema.model.Network;
import dev.vtool.schema.protocol.shadowsocks.ShadowsocksMethod;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.security.SecureRandom;

/**
 * Shadowsocks UDP: one datagram is {@code salt || seal(subkey(salt), nonce 0, ATYP ADDR PORT || payload)}
 * (AEAD) or {@code ATYP ADDR PORT || payload} ({@code none}), with a fresh salt per datagram. Both
 * directions use the same layout.
 */
final class SsPacketCodec {
    /** A decoded datagram; the payload is the caller's to release. */
    record Packet(Destination address, ByteBuf payload) {
    }

    private final ShadowsocksMethod method;
    private final byte[] masterKey;
    private final SecureRandom random;

    SsPacketCodec(ShadowsocksMethod method, byte[] masterKey, SecureRandom random) {
        this.method = method;
        this.masterKey = masterKey;
        this.random = random;
    }

    /** Encodes one datagram (the payload is read, not released); the salt comes from {@code salt} if not null. */
    ByteBuf encode(Destination address, ByteBuf payload, ByteBufAllocator alloc, byte[] salt) throws SsException {
        ByteBuf plain = alloc.heapBuffer(1 + 1 + 255 + 2 + payload.readableBytes());
        try {
            SsAddress.write(plain, address);
            plain.writeBytes(payload, payload.readerIndex(), payload.readableBytes());
            if (!method.aead()) {
                return plain.retain();
            }
            int size = method.keySize();
            if (salt == null) {
                salt = new byte[size];
                random.nextBytes(salt);
            }
            SsAead aead = SsAead.create(method, SsKeys.subkey(masterKey, salt, 0, size), true);
            byte[] sealed = new byte[plain.readableBytes() + SsAead.TAG];
            int n = aead.seal(plain.array(), plain.arrayOffset() + plain.readerIndex(), plain.readableBytes(), sealed, 0);
            ByteBuf out = alloc.buffer(size + n);
            out.writeBytes(salt);
            out.writeBytes(sealed, 0, n);
            return out;
        } finally {
            plain.release();
        }
    }

    ByteBuf encode(Destination address, ByteBuf payload, ByteBufAllocator alloc) throws SsException {
        return encode(address, payload, alloc, null);
    }

    /** Decodes one datagram (read, not released). */
    Packet decode(ByteBuf datagram, ByteBufAllocator alloc) throws SsException {
        ByteBuf plain;
        if (method.aead()) {
            int size = method.keySize();
            if (datagram.readableBytes() <= size) {
                throw new SsException("insufficient data: " + datagram.readableBytes());
            }
            byte[] raw = new byte[datagram.readableBytes()];
            datagram.getBytes(datagram.readerIndex(), raw);
            SsAead aead = SsAead.create(method, SsKeys.subkey(masterKey, raw, 0, size), false);
            byte[] opened = new byte[Math.max(0, raw.length - size - SsAead.TAG)];
            int n = aead.open(raw, size, raw.length - size, opened, 0);
            plain = alloc.heapBuffer(n).writeBytes(opened, 0, n);
        } else {
            plain = datagram.retainedSlice();
        }
        try {
            if (SsAddress.length(plain) == 0) {
                throw new SsException("failed to parse address > truncated address");
            }
            Destination address = SsAddress.read(plain, Network.UDP);
            return new Packet(address, plain.retainedSlice());
        } catch (SsException e) {
            throw new SsException(e.getMessage().startsWith("failed to parse address") ? e.getMessage()
                    : "failed to parse address > " + e.getMessage());
        } finally {
            plain.release();
        }
    }
}
