package dev.vtool.engine.vmess.body;

/**
 * An AEAD under one key, sealing and opening byte ranges with a nonce the caller gives (Shadowsocks counts
 * its nonces its own way). No associated data; the 16-byte tag follows the ciphertext.
 */
public interface AeadArrays {
    int TAG = 16;

    /** Seals in[off, off+len) into out[outOff, outOff+len+16); returns len + 16. */
    int seal(byte[] nonce12, byte[] in, int off, int len, byte[] out, int outOff);

    /** Opens in[off, off+len) into out[outOff, outOff+len-16); returns len - 16, or -1 when the tag is wrong. */
    int open(byte[] nonce12, byte[] in, int off, int len, byte[] out, int outOff);
}
