package dev.vtool.engine.shadowsocks;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;

/**
 * Encrypts one direction of a Shadowsocks stream on its way out: the salt goes with the first payload
 * (so a server whose upstream never answers sends no salt, as 4.34 does), then chunks. The empty buffer
 * the relay writes before half-closing passes through as it is: Shadowsocks has no end chunk on the
 * wire, the TCP FIN ends the stream.
 */
class SsResponseEncoder extends ChannelOutboundHandlerAdapter {
    private final SsStreamEncoder encoder;

    SsResponseEncoder(SsStreamEncoder encoder) {
        this.encoder = encoder;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf payload && payload.isReadable()) {
            ByteBuf framed;
            try {
                framed = encoder.encode(payload, ctx.alloc());
            } finally {
                payload.release();
            }
            ctx.write(framed, promise);
            return;
        }
        ctx.write(msg, promise);
    }
}
