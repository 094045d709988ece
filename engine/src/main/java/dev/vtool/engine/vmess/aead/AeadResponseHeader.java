package dev.vtool.engine.vmess.aead;

import dev.vtool.engine.vmess.VmessException;
import io.netty.buffer.ByteBuf;

/**
 * The AEAD response header: GCM(BE16 len)(18) | GCM(R)(len+16), keys from KDF16(respKey, ...) and
 * nonces from KDF(respIV, ...), no associated data.
 */
public final class AeadResponseHeader {
    private AeadResponseHeader() {
    }

    public static byte[] seal(byte[] respKey, byte[] respIv, byte[] plain) {
        byte[] len = {(byte) (plain.length >>> 8), (byte) plain.length};
        byte[] sealedLen = Aes.gcmSeal(VmessKdf.kdf16(respKey, VmessKdf.RESPONSE_LENGTH_KEY),
                VmessKdf.kdf12(respIv, VmessKdf.RESPONSE_LENGTH_NONCE), len, null);
        byte[] sealed = Aes.gcmSeal(VmessKdf.kdf16(respKey, VmessKdf.RESPONSE_PAYLOAD_KEY),
                VmessKdf.kdf12(respIv, VmessKdf.RESPONSE_PAYLOAD_NONCE), plain, null);
        byte[] wire = new byte[sealedLen.length + sealed.length];
        System.arraycopy(sealedLen, 0, wire, 0, sealedLen.length);
        System.arraycopy(sealed, 0, wire, sealedLen.length, sealed.length);
        return wire;
    }

    /** Client side, incremental over a cumulation buffer. */
    public static final class Opener {
        private final byte[] respKey;
        private final byte[] respIv;
        private int length = -1;

        public Opener(byte[] respKey, byte[] respIv) {
            this.respKey = respKey;
            this.respIv = respIv;
        }

        /** The plaintext R, or null when more bytes are needed. */
        public byte[] tryOpen(ByteBuf in) throws VmessException {
            if (length < 0) {
                if (in.readableBytes() < SealedRequestHeader.SEALED_LENGTH_SIZE) {
                    return null;
                }
                byte[] sealedLen = new byte[SealedRequestHeader.SEALED_LENGTH_SIZE];
                in.readBytes(sealedLen);
                byte[] len = Aes.gcmOpen(VmessKdf.kdf16(respKey, VmessKdf.RESPONSE_LENGTH_KEY),
                        VmessKdf.kdf12(respIv, VmessKdf.RESPONSE_LENGTH_NONCE), sealedLen, 0, sealedLen.length, null);
                if (len == null) {
                    throw new VmessException("Failed To Decrypt Length > cipher: message authentication failed");
                }
                length = (len[0] & 0xFF) << 8 | (len[1] & 0xFF);
            }
            if (in.readableBytes() < length + SealedRequestHeader.TAG_SIZE) {
                return null;
            }
            byte[] sealed = new byte[length + SealedRequestHeader.TAG_SIZE];
            in.readBytes(sealed);
            byte[] plain = Aes.gcmOpen(VmessKdf.kdf16(respKey, VmessKdf.RESPONSE_PAYLOAD_KEY),
                    VmessKdf.kdf12(respIv, VmessKdf.RESPONSE_PAYLOAD_NONCE), sealed, 0, sealed.length, null);
            if (plain == null) {
                throw new VmessException("Failed To Decrypt Payload > cipher: message authentication failed");
            }
            return plain;
        }
    }
}
