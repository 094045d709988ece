package dev.vtool.engine.vmess.body;

import dev.vtool.engine.vmess.VmessException;
import io.netty.buffer.ByteBuf;

/** The per-chunk authenticated cipher of a body direction (Go's crypto.Authenticator). */
interface ChunkSealer {
    /** Bytes added to each sealed chunk (tag or checksum). */
    int overhead();

    /** Seals {@code length} bytes at {@code index} of src, appending overhead + length bytes to dst. */
    void seal(ByteBuf src, int index, int length, ByteBuf dst) throws VmessException;

    /** Opens {@code length} sealed bytes at {@code index} of src, appending the plaintext to dst. */
    void open(ByteBuf src, int index, int length, ByteBuf dst) throws VmessException;
}
