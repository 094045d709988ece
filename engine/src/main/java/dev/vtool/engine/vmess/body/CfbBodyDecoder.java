package dev.vtool.engine.vmess.body;

import dev.vtool.engine.vmess.VmessException;
import dev.vtool.engine.vmess.legacy.AesCfb;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;

/**
 * Security legacy: decrypts arriving bytes in place (each byte exactly once, tracked relative to the
 * reader index) and hands the plaintext to the inner framing.
 */
final class CfbBodyDecoder implements BodyDecoder {
    private final BodyDecoder inner;
    private final AesCfb cfb;
    private int decryptedAhead;

    CfbBodyDecoder(BodyDecoder inner, AesCfb cfb) {
        this.inner = inner;
        this.cfb = cfb;
    }

    @Override
    public boolean decode(ByteBuf in, ByteBufAllocator alloc, List<ByteBuf> out) throws VmessException {
        int fresh = in.readableBytes() - decryptedAhead;
        if (fresh > 0) {
            cfb.process(in, in.readerIndex() + decryptedAhead, fresh);
        }
        boolean end = inner.decode(in, alloc, out);
        // Everything still unread was decrypted above.
        decryptedAhead = in.readableBytes();
        return end;
    }
}
