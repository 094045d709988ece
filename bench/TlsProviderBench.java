import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * CPU cost of Netty's TLS with the JDK provider against OpenSSL (netty-tcnative-boringssl-static), in one
 * thread and in memory (two EmbeddedChannels with an SslHandler each: no sockets, so the figures are the
 * TLS layer's alone and hold on a loaded machine): CPU seconds per GiB of encrypting and decrypting
 * 16 KiB writes (TLS 1.3, the cipher both pick), and CPU microseconds per full handshake (client and
 * server together, a new session each time). Providers alternate in every repetition (A/B in the same
 * minute). Usage: java -cp cli/target/vtool.jar bench/TlsProviderBench.java CERT.pem KEY.pem(PKCS#8) MIB REPS
 */
public final class TlsProviderBench {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        File cert = new File(args[0]);
        File key = new File(args[1]);
        int mib = Integer.parseInt(args[2]);
        int reps = Integer.parseInt(args[3]);
        int handshakes = Math.max(20, mib * 4);
        System.out.println("# " + System.getProperty("java.vm.version") + ", OpenSSL available: " + OpenSsl.isAvailable()
                + (OpenSsl.isAvailable() ? " (" + OpenSsl.versionString() + ")" : ""));
        SslProvider[] providers = {SslProvider.JDK, SslProvider.OPENSSL};
        // warm-up: the JIT sees both paths before anything is measured
        for (SslProvider p : providers) {
            bulk(p, cert, key, Math.max(64, mib));
            handshakes(p, cert, key, handshakes);
        }
        for (int r = 1; r <= reps; r++) {
            for (SslProvider p : providers) {
                double[] b = bulk(p, cert, key, mib);
                double hs = handshakes(p, cert, key, handshakes);
                System.out.printf("%d\t%s\tCPU s/GiB %.3f\tCPU us/handshake %.0f\tbuffers out %d%n", r, p, b[0], hs, (long) b[1]);
            }
        }
    }

    private static SslContext server(SslProvider p, File cert, File key) throws Exception {
        return SslContextBuilder.forServer(cert, key).sslProvider(p).build();
    }

    private static SslContext client(SslProvider p) throws Exception {
        return SslContextBuilder.forClient().sslProvider(p).trustManager(InsecureTrustManagerFactory.INSTANCE).build();
    }

    /** {CPU s/GiB, records seen} for MIB of 16 KiB writes from client to server. */
    private static double[] bulk(SslProvider p, File cert, File key, int mib) throws Exception {
        SslContext s = server(p, cert, key);
        SslContext c = client(p);
        EmbeddedChannel sc = new EmbeddedChannel();
        EmbeddedChannel cc = new EmbeddedChannel();
        sc.pipeline().addLast(s.newHandler(PooledByteBufAllocator.DEFAULT));
        cc.pipeline().addLast(c.newHandler(PooledByteBufAllocator.DEFAULT, "bench.local", 443));
        handshake(cc, sc);
        byte[] chunk = new byte[16 * 1024];
        long total = (long) mib << 20;
        long records = 0;
        long t0 = THREADS.getCurrentThreadCpuTime();
        for (long sent = 0; sent < total; sent += chunk.length) {
            ByteBuf b = PooledByteBufAllocator.DEFAULT.directBuffer(chunk.length);
            b.writeBytes(chunk);
            cc.writeAndFlush(b);
            records += pump(cc, sc);
            drainInbound(sc);
        }
        long t1 = THREADS.getCurrentThreadCpuTime();
        cc.finishAndReleaseAll();
        sc.finishAndReleaseAll();
        return new double[] {(t1 - t0) / 1e9 / (total / (double) (1 << 30)), records};
    }

    /** CPU microseconds per full handshake (both sides). */
    private static double handshakes(SslProvider p, File cert, File key, int n) throws Exception {
        SslContext s = server(p, cert, key);
        SslContext c = client(p);
        long t0 = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) {
            EmbeddedChannel sc = new EmbeddedChannel(s.newHandler(PooledByteBufAllocator.DEFAULT));
            // no peer host: the client has no session to resume, every handshake is a full one
            EmbeddedChannel cc = new EmbeddedChannel(c.newHandler(PooledByteBufAllocator.DEFAULT));
            handshake(cc, sc);
            cc.finishAndReleaseAll();
            sc.finishAndReleaseAll();
        }
        return (THREADS.getCurrentThreadCpuTime() - t0) / 1e3 / n;
    }

    private static void handshake(EmbeddedChannel cc, EmbeddedChannel sc) {
        SslHandler ch = cc.pipeline().get(SslHandler.class);
        SslHandler sh = sc.pipeline().get(SslHandler.class);
        for (int i = 0; i < 50 && !(ch.handshakeFuture().isDone() && sh.handshakeFuture().isDone()); i++) {
            pump(cc, sc);
            pump(sc, cc);
            cc.runPendingTasks();
            sc.runPendingTasks();
        }
        if (!ch.handshakeFuture().isSuccess() || !sh.handshakeFuture().isSuccess()) {
            throw new IllegalStateException("handshake failed: " + ch.handshakeFuture().cause() + " / " + sh.handshakeFuture().cause());
        }
        drainInbound(cc);
        drainInbound(sc);
    }

    /** Moves what {@code from} wrote into {@code to}; returns the number of buffers moved. */
    private static int pump(EmbeddedChannel from, EmbeddedChannel to) {
        int n = 0;
        for (Object o; (o = from.readOutbound()) != null; n++) {
            to.writeInbound(o);
        }
        return n;
    }

    private static void drainInbound(EmbeddedChannel ch) {
        for (Object o; (o = ch.readInbound()) != null; ) {
            io.netty.util.ReferenceCountUtil.release(o);
        }
    }
}
