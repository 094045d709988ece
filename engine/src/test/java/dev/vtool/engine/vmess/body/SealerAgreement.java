package dev.vtool.engine.vmess.body;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.SplittableRandom;

/**
 * Two implementations of one body cipher must agree byte for byte: each seals the same chunks, each opens
 * the other's. Runs the first 1000 nonces, skips ahead, then 2000 across the 16-bit counter's wrap where
 * nonces repeat (as in 4.34). Sealed bytes sit in a direct buffer for one side and a heap buffer for the
 * other, so both memory kinds pass through each implementation.
 */
final class SealerAgreement {
    /** Moves every sealer's nonce counter on by n chunks. */
    interface Skip {
        void by(int n) throws Exception;
    }

    private SealerAgreement() {
    }

    static void assertAgree(ChunkSealer sealA, ChunkSealer openA, ChunkSealer sealB, ChunkSealer openB, Skip skip)
            throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        byte[] plain = new byte[2030];
        ByteBuf in = Unpooled.directBuffer(2030);
        ByteBuf sealedA = Unpooled.directBuffer(2046);
        ByteBuf sealedB = Unpooled.buffer(2046);
        ByteBuf openedDirect = Unpooled.directBuffer(2030);
        ByteBuf openedHeap = Unpooled.buffer(2030);
        try {
            for (int i = 0; i < 65_000 + 2000; i++) {
                if (i == 1000) {
                    skip.by(65_000 - 1000);
                    i = 65_000;
                }
                int n = i % 100 == 0 ? 2030 : random.nextInt(300);
                random.nextBytes(plain);
                in.clear().writeBytes(plain, 0, n);
                sealedA.clear();
                sealedB.clear();
                sealA.seal(in, 0, n, sealedA);
                sealB.seal(in, 0, n, sealedB);
                assertEquals(sealedB, sealedA, "chunk " + i + " sealed differently");
                openedDirect.clear();
                openB.open(sealedA, 0, sealedA.readableBytes(), openedDirect);
                assertEquals(in, openedDirect, "chunk " + i);
                openedHeap.clear();
                openA.open(sealedB, 0, sealedB.readableBytes(), openedHeap);
                assertEquals(in, openedHeap, "chunk " + i);
            }
        } finally {
            in.release();
            sealedA.release();
            sealedB.release();
            openedDirect.release();
            openedHeap.release();
        }
    }
}
