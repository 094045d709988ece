package dev.vtool.engine.transport.quic;

import dev.vtool.engine.transport.PacketHeader;
import dev.vtool.schema.transport.quic.QuicSettings;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DatagramPacket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * 4.34's extra layer under QUIC, on the UDP socket before the QUIC codec: each datagram is
 * {@code header || nonce(12) || AEAD(key, nonce, packet)} with {@code security} aes-128-gcm or
 * chacha20-poly1305 keyed by SHA-256(key || "v2ray-quic-salt"), or {@code header || packet} for none.
 * Datagrams that are too short or do not open are dropped, as 4.34 drops them.
 */
final class QuicPacketProtection extends ChannelDuplexHandler {
    /** 4.34 reads into 2048-byte buffers. */
    static final int MAX_DATAGRAM = 2048;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PacketHeader header;
    private final String algorithm;
    private final SecretKeySpec key;

    QuicPacketProtection(QuicSettings settings) {
        this.header = PacketHeader.of(settings.headerType());
        switch (settings.security()) {
            case "aes-128-gcm" -> {
                algorithm = "AES/GCM/NoPadding";
                key = new SecretKeySpec(Arrays.copyOf(derive(settings.key()), 16), "AES");
            }
            case "chacha20-poly1305" -> {
                algorithm = "ChaCha20-Poly1305";
                key = new SecretKeySpec(derive(settings.key()), "ChaCha20");
            }
            default -> {
                algorithm = null;
                key = null;
            }
        }
    }

    /** Bytes added to every datagram: the header, and the nonce and tag when sealed. */
    int overhead() {
        return header.size() + (algorithm == null ? 0 : 28);
    }

    static byte[] derive(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest((key + "v2ray-quic-salt").getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof DatagramPacket p)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            ByteBuf in = p.content();
            int length = in.readableBytes() - header.size();
            if (length <= 0 || in.readableBytes() > MAX_DATAGRAM) {
                return;
            }
            byte[] opened;
            if (algorithm == null) {
                opened = new byte[length];
                in.getBytes(in.readerIndex() + header.size(), opened);
            } else {
                byte[] sealed = new byte[length];
                in.getBytes(in.readerIndex() + header.size(), sealed);
                opened = open(sealed);
                if (opened == null) {
                    return;
                }
            }
            ctx.fireChannelRead(new DatagramPacket(Unpooled.wrappedBuffer(opened), p.recipient(), p.sender()));
        } finally {
            p.release();
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof DatagramPacket p)) {
            ctx.write(msg, promise);
            return;
        }
        byte[] packet;
        try {
            packet = new byte[p.content().readableBytes()];
            p.content().getBytes(p.content().readerIndex(), packet);
        } finally {
            p.release();
        }
        byte[] body = algorithm == null ? packet : seal(packet);
        byte[] h = header.next();
        ByteBuf out = h.length == 0 ? Unpooled.wrappedBuffer(body) : Unpooled.wrappedBuffer(h, body);
        ctx.write(new DatagramPacket(out, p.recipient(), p.sender()), promise);
    }

    byte[] seal(byte[] packet) {
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(nonce);
        return seal(packet, nonce);
    }

    byte[] seal(byte[] packet, byte[] nonce) {
        try {
            Cipher c = cipher(Cipher.ENCRYPT_MODE, nonce);
            byte[] out = new byte[12 + c.getOutputSize(packet.length)];
            System.arraycopy(nonce, 0, out, 0, 12);
            c.doFinal(packet, 0, packet.length, out, 12);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " failed", e);
        }
    }

    byte[] open(byte[] sealed) {
        if (sealed.length < 28) {
            return null;
        }
        try {
            return cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(sealed, 12)).doFinal(sealed, 12, sealed.length - 12);
        } catch (GeneralSecurityException e) {
            return null;
        }
    }

    private Cipher cipher(int mode, byte[] nonce) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance(algorithm);
        c.init(mode, key, algorithm.startsWith("AES") ? new GCMParameterSpec(128, nonce) : new IvParameterSpec(nonce));
        return c;
    }
}
