package dev.vtool.engine.vmess.body;

import dev.vtool.engine.vmess.RequestCommand;
import dev.vtool.engine.vmess.RequestOptions;
import dev.vtool.engine.vmess.SecurityType;
import dev.vtool.engine.vmess.VmessException;
import dev.vtool.engine.vmess.legacy.AesCfb;

/**
 * Picks the body framing for one direction from the request's security, options and command
 * (VMESS-SPEC 5.2). The request direction uses (reqKey, reqIV), the response (respKey, respIV).
 */
public final class BodyCodecs {
    private BodyCodecs() {
    }

    /**
     * @param cfb for security LEGACY: the CFB stream to continue (a legacy response header's), or
     *            null to start a fresh one from (key, iv)
     */
    public static BodyEncoder encoder(SecurityType security, int options, RequestCommand command,
                                      byte[] key, byte[] iv, AesCfb cfb) throws VmessException {
        RequestOptions.check(options);
        boolean chunked = RequestOptions.has(options, RequestOptions.CHUNK_STREAM);
        ShakeLengthMask mask = RequestOptions.has(options, RequestOptions.CHUNK_MASKING) ? new ShakeLengthMask(iv) : null;
        boolean padding = RequestOptions.has(options, RequestOptions.GLOBAL_PADDING);
        boolean packet = command.isPacket();
        switch (security) {
            case NONE:
                if (!chunked) {
                    return new RawBodyEncoder();
                }
                return packet ? new AuthenticatedChunkEncoder(new NoOpSealer(), mask, padding, true)
                        : new PlainChunkStreamEncoder(mask);
            case LEGACY: {
                AesCfb stream = cfb != null ? cfb : AesCfb.encryptor(key, iv);
                BodyEncoder inner = chunked ? new AuthenticatedChunkEncoder(new FnvSealer(), mask, padding, packet)
                        : new RawBodyEncoder();
                return new CfbBodyEncoder(inner, stream);
            }
            case AES_128_GCM:
                return new AuthenticatedChunkEncoder(JcaAeadSealer.aes128Gcm(key, iv, true), mask, padding, packet);
            case CHACHA20_POLY1305:
                return new AuthenticatedChunkEncoder(ChaChaSealers.create(key, iv, true), mask, padding, packet);
            default:
                throw new VmessException("unknown security type: " + security);
        }
    }

    public static BodyDecoder decoder(SecurityType security, int options, RequestCommand command,
                                      byte[] key, byte[] iv, AesCfb cfb) throws VmessException {
        RequestOptions.check(options);
        boolean chunked = RequestOptions.has(options, RequestOptions.CHUNK_STREAM);
        ShakeLengthMask mask = RequestOptions.has(options, RequestOptions.CHUNK_MASKING) ? new ShakeLengthMask(iv) : null;
        boolean padding = RequestOptions.has(options, RequestOptions.GLOBAL_PADDING);
        boolean packet = command.isPacket();
        switch (security) {
            case NONE:
                if (!chunked) {
                    return new RawBodyDecoder();
                }
                return packet ? new AuthenticatedChunkDecoder(new NoOpSealer(), mask, padding, true)
                        : new PlainChunkStreamDecoder(mask);
            case LEGACY: {
                AesCfb stream = cfb != null ? cfb : AesCfb.decryptor(key, iv);
                BodyDecoder inner = chunked ? new AuthenticatedChunkDecoder(new FnvSealer(), mask, padding, packet)
                        : new RawBodyDecoder();
                return new CfbBodyDecoder(inner, stream);
            }
            case AES_128_GCM:
                return new AuthenticatedChunkDecoder(JcaAeadSealer.aes128Gcm(key, iv, false), mask, padding, packet);
            case CHACHA20_POLY1305:
                return new AuthenticatedChunkDecoder(ChaChaSealers.create(key, iv, false), mask, padding, packet);
            default:
                throw new VmessException("unknown security type: " + security);
        }
    }
}
