package dev.vtool.engine.vmess.body;

import dev.vtool.engine.vmess.VmessException;
import dev.vtool.engine.vmess.legacy.AesCfb;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/** Security legacy: everything the inner framing writes passes through one AES-128-CFB stream. */
final class CfbBodyEncoder implements BodyEncoder {
    private final BodyEncoder inner;
    private final AesCfb cfb;

    CfbBodyEncoder(BodyEncoder inner, AesCfb cfb) {
        this.inner = inner;
        this.cfb = cfb;
    }

    @Override
    public ByteBuf encode(ByteBuf payload, ByteBufAllocator alloc) throws VmessException {
        return encrypt(inner.encode(payload, alloc), alloc);
    }

    @Override
    public ByteBuf encodeEnd(ByteBufAllocator alloc) {
        return encrypt(inner.encodeEnd(alloc), alloc);
    }

    private ByteBuf encrypt(ByteBuf framed, ByteBufAllocator alloc) {
        if (!framed.isReadable()) {
            return framed;
        }
        // The raw framing hands back a slice of the caller's payload; encrypt a copy, never their bytes.
        ByteBuf out = alloc.buffer(framed.readableBytes());
        out.writeBytes(framed);
        framed.release();
        cfb.process(out, out.readerIndex(), out.readableBytes());
        return out;
    }
}
