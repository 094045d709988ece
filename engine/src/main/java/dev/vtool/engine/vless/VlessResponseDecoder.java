package dev.vtool.engine.vless;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import java.util.function.Consumer;

/**
 * The client side's reading of a VLESS response: {@code VER ALEN ADDONS}, then raw payload. The version
 * must be the request's (0), as 4.34 checks; the addons are skipped. Removes itself after the header, so
 * the payload flows on untouched.
 */
final class VlessResponseDecoder extends ByteToMessageDecoder {
    private final Consumer<String> onError;

    VlessResponseDecoder(Consumer<String> onError) {
        this.onError = onError;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.readableBytes() < 2) {
            return;
        }
        int version = in.getUnsignedByte(in.readerIndex());
        if (version != 0) {
            in.skipBytes(in.readableBytes());
            onError.accept("unexpected response version. Expecting 0 but actually " + version);
            ctx.close();
            return;
        }
        int addons = in.getUnsignedByte(in.readerIndex() + 1);
        if (in.readableBytes() < 2 + addons) {
            return;
        }
        in.skipBytes(2 + addons);
        ctx.pipeline().remove(this);
    }
}
