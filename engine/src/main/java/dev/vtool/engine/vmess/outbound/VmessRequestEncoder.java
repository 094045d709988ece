package dev.vtool.engine.vmess.outbound;

import dev.vtool.engine.vmess.VmessException;
import dev.vtool.engine.vmess.body.BodyEncoder;
import dev.vtool.engine.vmess.encoding.ClientSession;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;

/**
 * Frames the uplink: the request header is written as soon as the handler is installed, then payload
 * chunks. An empty buffer from the relay (flushed right before half-close or close) becomes the end chunk.
 */
final class VmessRequestEncoder extends ChannelOutboundHandlerAdapter {
    private final byte[] header;
    private final BodyEncoder body;
    private boolean ended;

    VmessRequestEncoder(ClientSession client, byte[] header) throws VmessException {
        this.header = header;
        this.body = client.requestBodyEncoder();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(ctx.alloc().buffer(header.length).writeBytes(header));
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof ByteBuf payload)) {
            ctx.write(msg, promise);
            return;
        }
        if (ended) {
            payload.release();
            promise.trySuccess();
            return;
        }
        ByteBuf framed;
        try {
            if (payload.isReadable()) {
                framed = body.encode(payload, ctx.alloc());
            } else {
                ended = true;
                framed = body.encodeEnd(ctx.alloc());
            }
        } catch (VmessException e) {
            payload.release();
            // only a datagram too large for one chunk gets here: 4.34 drops it silently too
            promise.trySuccess();
            return;
        }
        payload.release();
        ctx.write(framed, promise);
    }
}
