package dev.vtool.engine.shadowsocks;

import dev.vtool.engine.Destination;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;

/**
 * The client's uplink: {@code salt || chunk(address header)} goes out as soon as the handler is
 * installed (4.34's client sends it the same way, before any data), then payload chunks.
 */
final class SsRequestEncoder extends SsResponseEncoder {
    private final SsStreamEncoder encoder;
    private final ByteBuf header;

    SsRequestEncoder(SsStreamEncoder encoder, Destination destination) throws SsException {
        super(encoder);
        this.encoder = encoder;
        ByteBuf h = Unpooled.buffer(1 + 1 + 255 + 2);
        try {
            SsAddress.write(h, destination);
        } catch (SsException e) {
            h.release();
            throw e;
        }
        this.header = h;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        try {
            ctx.writeAndFlush(encoder.encode(header, ctx.alloc()));
        } finally {
            header.release();
        }
    }
}
