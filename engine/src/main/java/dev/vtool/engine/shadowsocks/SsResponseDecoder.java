package dev.vtool.engine.shadowsocks;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The client's downlink: the server's salt, then chunks as plain payload for the relay. A chunk that
 * fails to authenticate ends the connection; an end chunk (length 0) is passed on as an input shutdown.
 */
final class SsResponseDecoder extends ByteToMessageDecoder {
    private final SsStreamDecoder decoder;
    private final Consumer<String> onFailure;
    private final List<ByteBuf> decoded = new ArrayList<>();
    private boolean done;
    private boolean endSignalled;

    SsResponseDecoder(SsStreamDecoder decoder, Consumer<String> onFailure) {
        this.decoder = decoder;
        this.onFailure = onFailure;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (done) {
            in.skipBytes(in.readableBytes());
            return;
        }
        try {
            boolean end = decoder.decode(in, ctx.alloc(), decoded);
            for (ByteBuf b : decoded) {
                ctx.fireChannelRead(b);
            }
            decoded.clear();
            if (end) {
                done = true;
                in.skipBytes(in.readableBytes());
                ctx.fireChannelReadComplete();
                endSignalled = true;
                ctx.fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
            }
        } catch (SsException e) {
            decoded.forEach(ByteBuf::release);
            decoded.clear();
            done = true;
            in.skipBytes(in.readableBytes());
            onFailure.accept("failed to read response > " + e.getMessage());
            ctx.close();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof ChannelInputShutdownEvent && endSignalled) {
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        decoded.forEach(ByteBuf::release);
        decoded.clear();
    }
}
