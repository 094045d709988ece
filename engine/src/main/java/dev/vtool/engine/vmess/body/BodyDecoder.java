package dev.vtool.engine.vmess.body;

import dev.vtool.engine.vmess.VmessException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;

/** Unframes one direction of a VMess body from a cumulation buffer; not thread safe. */
public interface BodyDecoder {
    /**
     * Consumes every complete unit in {@code in} and adds each payload (one datagram per buffer in
     * packet mode) to {@code out}; the caller owns and releases them. Incomplete input stays unread
     * (or, for stream framings that allow it, is passed on as it arrives).
     *
     * @return true once the end-of-stream marker has been read; nothing after it is consumed
     * @throws VmessException on a tag that does not verify or an impossible length
     */
    boolean decode(ByteBuf in, ByteBufAllocator alloc, List<ByteBuf> out) throws VmessException;
}
