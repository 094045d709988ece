package dev.vtool.engine.transport.xor;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/** XORs every byte read and written with one key: the whole "framing" of the test network. */
final class XorCodec extends ChannelDuplexHandler {
    private final byte key;

    XorCodec(int key) {
        this.key = (byte) key;
    }

    /** Bulk copies: the leak detector in tests records every single-byte access, which would crawl. */
    private byte[] xor(ByteBuf in) {
        byte[] bytes = new byte[in.readableBytes()];
        in.getBytes(in.readerIndex(), bytes);
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] ^= key;
        }
        return bytes;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf in) {
            in.setBytes(in.readerIndex(), xor(in)); // a freshly read buffer is ours to change
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof ByteBuf in)) {
            ctx.write(msg, promise);
            return;
        }
        // what the proxy writes may be shared or read-only: write a transformed copy
        ByteBuf out = ctx.alloc().buffer(in.readableBytes()).writeBytes(xor(in));
        in.release();
        ctx.write(out, promise);
    }
}
