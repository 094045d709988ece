package dev.vtool.engine.vmess.aead;

import dev.vtool.engine.vmess.VmessException;
import io.netty.buffer.ByteBuf;

/**
 * The AEAD request header on the wire: AuthID(16) | GCM(BE16 len)(18) | nonce(8) | GCM(header)(len+16),
 * both seals keyed from the cmdKey, the AuthID and the nonce, with the AuthID as associated data.
 */
public final class SealedRequestHeader {
    public static final int SEALED_LENGTH_SIZE = 18;
    public static final int NONCE_SIZE = 8;
    public static final int TAG_SIZE = 16;

    private SealedRequestHeader() {
    }

    public static byte[] seal(byte[] cmdKey, byte[] authId, byte[] nonce8, byte[] plaintext) {
        if (plaintext.length > 0xFFFF) {
            throw new IllegalArgumentException("header too long: " + plaintext.length);
        }
        byte[] len = {(byte) (plaintext.length >>> 8), (byte) plaintext.length};
        byte[] sealedLen = Aes.gcmSeal(
                VmessKdf.kdf16(cmdKey, VmessKdf.HEADER_LENGTH_KEY, authId, nonce8),
                VmessKdf.kdf12(cmdKey, VmessKdf.HEADER_LENGTH_NONCE, authId, nonce8), len, authId);
        byte[] sealed = Aes.gcmSeal(
                VmessKdf.kdf16(cmdKey, VmessKdf.HEADER_PAYLOAD_KEY, authId, nonce8),
                VmessKdf.kdf12(cmdKey, VmessKdf.HEADER_PAYLOAD_NONCE, authId, nonce8), plaintext, authId);
        byte[] wire = new byte[AuthId.SIZE + SEALED_LENGTH_SIZE + NONCE_SIZE + sealed.length];
        System.arraycopy(authId, 0, wire, 0, AuthId.SIZE);
        System.arraycopy(sealedLen, 0, wire, AuthId.SIZE, SEALED_LENGTH_SIZE);
        System.arraycopy(nonce8, 0, wire, AuthId.SIZE + SEALED_LENGTH_SIZE, NONCE_SIZE);
        System.arraycopy(sealed, 0, wire, AuthId.SIZE + SEALED_LENGTH_SIZE + NONCE_SIZE, sealed.length);
        return wire;
    }

    /**
     * Server side, after the AuthID (already read) matched a user: reads the rest incrementally from a
     * cumulation buffer. The payload buffer is sized only after its length authenticated.
     */
    public static final class Opener {
        private final byte[] cmdKey;
        private final byte[] authId;
        private int payloadLength = -1;
        private byte[] nonce;
        private int bytesRead;

        public Opener(byte[] cmdKey, byte[] authId) {
            this.cmdKey = cmdKey;
            this.authId = authId.clone();
        }

        /** Bytes consumed after the AuthID so far (V2Ray counts them toward the drain budget). */
        public int bytesRead() {
            return bytesRead;
        }

        /**
         * Returns the header plaintext, or null when more bytes are needed.
         *
         * @throws VmessException "AEAD read failed" (drain) when a tag does not open
         */
        public byte[] tryOpen(ByteBuf in) throws VmessException {
            if (payloadLength < 0) {
                if (in.readableBytes() < SEALED_LENGTH_SIZE + NONCE_SIZE) {
                    return null;
                }
                byte[] sealedLen = new byte[SEALED_LENGTH_SIZE];
                in.readBytes(sealedLen);
                nonce = new byte[NONCE_SIZE];
                in.readBytes(nonce);
                bytesRead += SEALED_LENGTH_SIZE + NONCE_SIZE;
                byte[] len = Aes.gcmOpen(
                        VmessKdf.kdf16(cmdKey, VmessKdf.HEADER_LENGTH_KEY, authId, nonce),
                        VmessKdf.kdf12(cmdKey, VmessKdf.HEADER_LENGTH_NONCE, authId, nonce),
                        sealedLen, 0, sealedLen.length, authId);
                if (len == null) {
                    throw new VmessException("AEAD read failed > cipher: message authentication failed", true);
                }
                payloadLength = (len[0] & 0xFF) << 8 | (len[1] & 0xFF);
            }
            if (in.readableBytes() < payloadLength + TAG_SIZE) {
                return null;
            }
            byte[] sealed = new byte[payloadLength + TAG_SIZE];
            in.readBytes(sealed);
            bytesRead += sealed.length;
            byte[] plain = Aes.gcmOpen(
                    VmessKdf.kdf16(cmdKey, VmessKdf.HEADER_PAYLOAD_KEY, authId, nonce),
                    VmessKdf.kdf12(cmdKey, VmessKdf.HEADER_PAYLOAD_NONCE, authId, nonce),
                    sealed, 0, sealed.length, authId);
            if (plain == null) {
                throw new VmessException("AEAD read failed > cipher: message authentication failed", true);
            }
            return plain;
        }
    }
}
