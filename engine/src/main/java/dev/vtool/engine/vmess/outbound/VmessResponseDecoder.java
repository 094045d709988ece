package dev.vtool.engine.vmess.outbound;

import dev.vtool.engine.vmess.VmessException;
import dev.vtool.engine.vmess.body.BodyDecoder;
import dev.vtool.engine.vmess.encoding.ClientSession;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads the response header, then the response body as plain payload for the relay. The end chunk is
 * passed on as an input shutdown; a later TCP FIN is then not repeated.
 */
final class VmessResponseDecoder extends ByteToMessageDecoder {
    private final ClientSession client;
    private final Consumer<String> onFailure;
    private BodyDecoder body;
    private boolean done;
    private boolean endSignalled;
    private final List<ByteBuf> decoded = new ArrayList<>();

    VmessResponseDecoder(ClientSession client, Consumer<String> onFailure) {
        this.client = client;
        this.onFailure = onFailure;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (done) {
            in.skipBytes(in.readableBytes());
            return;
        }
        try {
            if (body == null) {
                if (client.decodeResponseHeader(in) == null) {
                    return;
                }
                body = client.responseBodyDecoder();
            }
            boolean end = body.decode(in, ctx.alloc(), decoded);
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
        } catch (VmessException e) {
            decoded.forEach(ByteBuf::release);
            decoded.clear();
            done = true;
            in.skipBytes(in.readableBytes());
            onFailure.accept(e.getMessage());
            ctx.close();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof ChannelInputShutdownEvent) {
            if (endSignalled) {
                return;
            }
            if (body == null) {
                onFailure.accept("failed to read response header > EOF");
                done = true;
                ctx.close();
                return;
            }
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        decoded.forEach(ByteBuf::release);
        decoded.clear();
    }
}
