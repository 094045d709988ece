package dev.vtool.engine.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sends a protocol header glued to the first payload, so that header and data go in one write (one TLS
 * record: a Trojan server judges the first read alone). A request ({@link #request}) waits up to 100 ms
 * for that payload like 4.34's clients; unlike them it then sends the header alone, so protocols where the
 * server speaks first still work. A response header ({@link #response}, VLESS) waits for the first answer
 * as 4.34's server does. Removes itself once the header is out.
 */
public final class GluedHeaderEncoder extends ChannelOutboundHandlerAdapter {
    private static final long COALESCE_MILLIS = 100;
    private ByteBuf header;
    private ScheduledFuture<?> timer;

    private final boolean sendAlone;

    private GluedHeaderEncoder(ByteBuf header, boolean sendAlone) {
        this.header = header;
        this.sendAlone = sendAlone;
    }

    /** A client's request header (ownership taken). */
    public static GluedHeaderEncoder request(ByteBuf header) {
        return new GluedHeaderEncoder(header, true);
    }

    /** A server's response header (ownership taken): sent only with the first answer. */
    public static GluedHeaderEncoder response(ByteBuf header) {
        return new GluedHeaderEncoder(header, false);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (!sendAlone) {
            return;
        }
        timer = ctx.executor().schedule(() -> {
            if (header != null && ctx.channel().isActive()) {
                ByteBuf h = header;
                header = null;
                ctx.writeAndFlush(h, ctx.voidPromise());
                ctx.pipeline().remove(this);
            }
        }, COALESCE_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (header == null || !(msg instanceof ByteBuf payload)) {
            ctx.write(msg, promise);
            return;
        }
        ByteBuf h = header;
        header = null;
        if (timer != null) {
            timer.cancel(false);
        }
        ctx.write(ctx.alloc().compositeBuffer(2).addComponents(true, h, payload), promise);
        ctx.pipeline().remove(this);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (timer != null) {
            timer.cancel(false);
        }
        if (header != null) {
            header.release();
            header = null;
        }
    }
}
