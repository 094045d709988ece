/**
 * VMess as V2Ray 4.34 speaks it (docs/spec/vmess.md), split by role like V2Ray's proxy/vmess:
 * <ul>
 *   <li>{@code aead}: the KDF tower, AuthID, sealed request header, AEAD response header, AuthID replay filter;</li>
 *   <li>{@code legacy}: HMAC-MD5 user hashes and their time table with taint fuses, alternate ids,
 *       AES-128-CFB, the session history;</li>
 *   <li>{@code body}: chunk encoders/decoders for aes-128-gcm, chacha20-poly1305, none and legacy, with
 *       ChunkMasking (SHAKE128), GlobalPadding, end-of-stream chunks, stream and packet (UDP) framing;</li>
 *   <li>{@code encoding}: request/response headers, commands, client and server sessions, the user validator;</li>
 *   <li>{@code inbound}/{@code outbound}: the engine's vmess inbound and outbound.</li>
 * </ul>
 * Codecs work incrementally on Netty ByteBufs (a cumulation buffer in, pooled buffers out) and report
 * every decoding failure as {@link dev.vtool.engine.vmess.VmessException}.
 */
package dev.vtool.engine.vmess;
