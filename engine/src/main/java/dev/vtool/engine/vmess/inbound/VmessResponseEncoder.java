package dev.vtool.engine.vmess.inbound;

import dev.vtool.engine.vmess.VmessException;
import dev.vtool.engine.vmess.body.BodyEncoder;
import dev.vtool.engine.vmess.encoding.ResponseHeader;
import dev.vtool.engine.vmess.encoding.ServerSession;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;

/**
 * Frames the downlink: the response header goes out with the first payload (as 4.34 sends it), then
 * body chunks. An empty buffer written by the relay marks the end of the downlink (it flushes one
 * right before half-closing or closing): that becomes the end chunk, sent once.
 */
final class VmessResponseEncoder extends ChannelOutboundHandlerAdapter {
    private final ServerSession server;
    private BodyEncoder body;
    private boolean ended;

    VmessResponseEncoder(ServerSession server) {
        this.server = server;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (!(msg instanceof ByteBuf payload)) {
            ctx.write(msg, promise);
            return;
        }
        if (ended) {
            payload.release();
            promise.trySuccess();
            return;
        }
        if (body != null && payload.isReadable()) {
            // past the header: the chunks go out as the body encoder built them, no composite around them
            ByteBuf framed;
            try {
                framed = body.encode(payload, ctx.alloc());
            } catch (VmessException e) {
                // only a datagram too large for one chunk gets here: 4.34 drops it silently too
                payload.release();
                promise.trySuccess();
                return;
            }
            payload.release();
            ctx.write(framed, promise);
            return;
        }
        CompositeByteBuf out = ctx.alloc().compositeBuffer();
        try {
            if (body == null) {
                out.addComponent(true, ctx.alloc().buffer().writeBytes(server.encodeResponseHeader(ResponseHeader.EMPTY)));
                body = server.responseBodyEncoder();
            }
            if (payload.isReadable()) {
                out.addComponent(true, body.encode(payload, ctx.alloc()));
            } else {
                ended = true;
                out.addComponent(true, body.encodeEnd(ctx.alloc()));
            }
        } catch (VmessException e) {
            // only a datagram too large for one chunk gets here: 4.34 drops it silently too
            payload.release();
            if (out.isReadable()) {
                ctx.write(out, promise); // the response header alone
            } else {
                out.release();
                promise.trySuccess();
            }
            return;
        }
        payload.release();
        ByteBuf framed = out;
        ctx.write(framed, promise);
    }
}
