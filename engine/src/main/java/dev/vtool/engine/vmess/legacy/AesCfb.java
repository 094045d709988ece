package dev.vtool.engine.vmess.legacy;

import dev.vtool.engine.vmess.aead.Aes;
import io.netty.buffer.ByteBuf;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;

/**
 * AES-128-CFB with full 128-bit feedback as a true stream (any length per call, state kept between
 * calls). The JDK's AES/CFB buffers partial blocks, which a header parsed byte group by byte group
 * cannot use, so the feedback is done here over one AES block encryption per 16 bytes.
 */
public final class AesCfb {
    private final Cipher block;
    private final boolean encrypt;
    private final byte[] register = new byte[16];
    private final byte[] keystream = new byte[16];
    private int position = 16;
    private byte[] scratch;

    private AesCfb(byte[] key, byte[] iv, boolean encrypt) {
        this.block = Aes.ecb(key, true);
        this.encrypt = encrypt;
        System.arraycopy(iv, 0, register, 0, 16);
    }

    public static AesCfb encryptor(byte[] key, byte[] iv) {
        return new AesCfb(key, iv, true);
    }

    public static AesCfb decryptor(byte[] key, byte[] iv) {
        return new AesCfb(key, iv, false);
    }

    public void process(byte[] data, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            data[i] = step(data[i]);
        }
    }

    public byte[] process(byte[] data) {
        process(data, 0, data.length);
        return data;
    }

    /** In place over a ByteBuf region (bulk copies: per-byte ByteBuf access is slow). */
    public void process(ByteBuf buf, int index, int length) {
        if (buf.hasArray()) {
            process(buf.array(), buf.arrayOffset() + index, length);
            return;
        }
        if (scratch == null) {
            scratch = new byte[4096];
        }
        for (int done = 0; done < length; ) {
            int n = Math.min(scratch.length, length - done);
            buf.getBytes(index + done, scratch, 0, n);
            process(scratch, 0, n);
            buf.setBytes(index + done, scratch, 0, n);
            done += n;
        }
    }

    private byte step(byte in) {
        if (position == 16) {
            try {
                block.update(register, 0, 16, keystream, 0);
            } catch (ShortBufferException e) {
                throw new IllegalStateException(e);
            }
            position = 0;
        }
        byte out = (byte) (in ^ keystream[position]);
        register[position] = encrypt ? out : in;
        position++;
        return out;
    }
}
