package dev.vtool.engine.vmess.body;

import dev.vtool.engine.vmess.RequestCommand;
import dev.vtool.engine.vmess.RequestOptions;
import dev.vtool.engine.vmess.SecurityType;
import dev.vtool.engine.vmess.VmessException;
import dev.vtool.engine.vmess.legacy.AesCfb;
import dev.vtool.schema.text.V2rayMessages;

/**
 * Picks the body framing for one direction from the request's security, options and command
 * (docs/spec/vmess.md 5.2). The request direction uses (reqKey, reqIV), the response (respKey, respIV).
 */
public final class BodyCodecs {
    private BodyCodecs() {
    }

    /** What the request's options and command say about framing, the same for both directions. */
    private record Framing(boolean chunked, ShakeLengthMask mask, boolean padding, boolean packet) {
        static Framing of(int options, RequestCommand command, byte[] iv) throws VmessException {
            RequestOptions.check(options);
            return new Framing(RequestOptions.has(options, RequestOptions.CHUNK_STREAM),
                    RequestOptions.has(options, RequestOptions.CHUNK_MASKING) ? new ShakeLengthMask(iv) : null,
                    RequestOptions.has(options, RequestOptions.GLOBAL_PADDING), command.isPacket());
        }
    }

    /**
     * @param cfb for security LEGACY: the CFB stream to continue (a legacy response header's), or
     *            null to start a fresh one from (key, iv)
     */
    public static BodyEncoder encoder(SecurityType security, int options, RequestCommand command,
                                      byte[] key, byte[] iv, AesCfb cfb) throws VmessException {
        Framing f = Framing.of(options, command, iv);
        switch (security) {
            case NONE:
                if (!f.chunked()) {
                    return new RawBodyEncoder();
                }
                return f.packet() ? new AuthenticatedChunkEncoder(new NoOpSealer(), f.mask(), f.padding(), true)
                        : new PlainChunkStreamEncoder(f.mask());
            case LEGACY: {
                AesCfb stream = cfb != null ? cfb : AesCfb.encryptor(key, iv);
                BodyEncoder inner = f.chunked()
                        ? new AuthenticatedChunkEncoder(new FnvSealer(), f.mask(), f.padding(), f.packet())
                        : new RawBodyEncoder();
                return new CfbBodyEncoder(inner, stream);
            }
            case AES_128_GCM:
            case CHACHA20_POLY1305:
                return new AuthenticatedChunkEncoder(aeadSealer(security, key, iv, true), f.mask(), f.padding(), f.packet());
            default:
                throw new VmessException(V2rayMessages.unknownSecurityType(security));
        }
    }

    public static BodyDecoder decoder(SecurityType security, int options, RequestCommand command,
                                      byte[] key, byte[] iv, AesCfb cfb) throws VmessException {
        Framing f = Framing.of(options, command, iv);
        switch (security) {
            case NONE:
                if (!f.chunked()) {
                    return new RawBodyDecoder();
                }
                return f.packet() ? new AuthenticatedChunkDecoder(new NoOpSealer(), f.mask(), f.padding(), true)
                        : new PlainChunkStreamDecoder(f.mask());
            case LEGACY: {
                AesCfb stream = cfb != null ? cfb : AesCfb.decryptor(key, iv);
                BodyDecoder inner = f.chunked()
                        ? new AuthenticatedChunkDecoder(new FnvSealer(), f.mask(), f.padding(), f.packet())
                        : new RawBodyDecoder();
                return new CfbBodyDecoder(inner, stream);
            }
            case AES_128_GCM:
            case CHACHA20_POLY1305:
                return new AuthenticatedChunkDecoder(aeadSealer(security, key, iv, false), f.mask(), f.padding(), f.packet());
            default:
                throw new VmessException(V2rayMessages.unknownSecurityType(security));
        }
    }

    /** The one place that decides which implementation seals an AEAD security, in either direction. */
    private static ChunkSealer aeadSealer(SecurityType security, byte[] key, byte[] iv, boolean encrypt) {
        return security == SecurityType.AES_128_GCM ? JcaAeadSealer.aes128Gcm(key, iv, encrypt)
                : ChaChaSealers.create(key, iv, encrypt);
    }
}
