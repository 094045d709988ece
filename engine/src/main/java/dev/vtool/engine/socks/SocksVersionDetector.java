package dev.vtool.engine.socks;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.socksx.v4.Socks4ServerDecoder;
import io.netty.handler.codec.socksx.v4.Socks4ServerEncoder;
import io.netty.handler.codec.socksx.v5.Socks5InitialRequestDecoder;
import io.netty.handler.codec.socksx.v5.Socks5ServerEncoder;
import java.util.List;

/**
 * Looks at the first byte and installs Netty's SOCKS4 or SOCKS5 codec in its own place; anything else is
 * refused with V2Ray's {@code unknown Socks version: N} (71 = an HTTP request, 22 = a TLS hello).
 */
final class SocksVersionDetector extends ByteToMessageDecoder {
    private final SocksServerHandler handler;

    SocksVersionDetector(SocksServerHandler handler) {
        this.handler = handler;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (!in.isReadable()) {
            return;
        }
        int version = in.getUnsignedByte(in.readerIndex());
        String self = ctx.name();
        switch (version) {
            case 4 -> {
                ctx.pipeline().addAfter(self, "socks-encoder", Socks4ServerEncoder.INSTANCE);
                ctx.pipeline().addAfter(self, "socks-decoder", new Socks4ServerDecoder());
            }
            case 5 -> {
                ctx.pipeline().addAfter(self, "socks-encoder", Socks5ServerEncoder.DEFAULT);
                ctx.pipeline().addAfter(self, "socks-decoder", new Socks5InitialRequestDecoder());
            }
            default -> {
                in.skipBytes(in.readableBytes());
                handler.reject(ctx, "unknown Socks version: " + version);
                return;
            }
        }
        ctx.pipeline().remove(this);
    }
}
