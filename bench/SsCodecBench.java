import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU cost of vtool's Shadowsocks stream codec alone, in one thread and in memory (no sockets, so the
 * figures hold on a loaded machine): CPU seconds per GiB to seal (encoder) and to open (decoder) a
 * stream that arrives as pooled direct buffers of WRITE KiB (what a socket read hands over), per
 * method and per variant of the codec. Variants alternate in every repetition (A/B in the same
 * minute). The codec's classes are package-private: they are reached by reflection.
 * Usage: java -cp cli/target/vtool.jar bench/SsCodecBench.java MIB REPS [WRITE_KIB]
 */
public final class SsCodecBench {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final String PKG = "dev.vtool.engine.shadowsocks.";

    public static void main(String[] args) throws Exception {
        int mib = Integer.parseInt(args[0]);
        int reps = Integer.parseInt(args[1]);
        int write = (args.length > 2 ? Integer.parseInt(args[2]) : 64) << 10;
        Class<?> methodType = Class.forName("dev.vtool.schema.protocol.shadowsocks.ShadowsocksMethod");
        String[] methods = {"AES_128_GCM", "CHACHA20_POLY1305"};
        String[] variants = variants();
        System.out.println("# " + System.getProperty("java.vm.version") + ", " + mib + " MiB per measurement in "
                + (write >> 10) + " KiB writes; CPU s/GiB (per-thread CPU time), seal / open");
        for (String m : methods) {
            Object method = method(methodType, m);
            for (String v : variants) {
                run(method, v, Math.max(16, mib / 4), write); // warm-up: the JIT sees every path first
            }
            for (int r = 1; r <= reps; r++) {
                StringBuilder line = new StringBuilder(String.format("%-18s rep %d:", m.toLowerCase(), r));
                for (String v : variants) {
                    double[] s = run(method, v, mib, write);
                    line.append(String.format("  %s %.3f / %.3f", v, s[0], s[1]));
                }
                System.out.println(line);
            }
        }
    }

    /** The sealer routes this JVM offers: the JCA's always, OpenSSL's in place where it loads. */
    private static String[] variants() throws Exception {
        Object probe = sealer("openSsl", method(Class.forName("dev.vtool.schema.protocol.shadowsocks.ShadowsocksMethod"),
                "AES_128_GCM"), new byte[16], true);
        return probe != null ? new String[] {"jca", "openssl"} : new String[] {"jca"};
    }

    private static Object method(Class<?> type, String name) {
        for (Object c : type.getEnumConstants()) {
            if (((Enum<?>) c).name().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException(name);
    }

    private static Object sealer(String route, Object method, byte[] subkey, boolean encrypt) throws Exception {
        Method m = Class.forName(PKG + "SsSealers").getDeclaredMethod(route, method.getClass(), byte[].class, boolean.class);
        m.setAccessible(true);
        return m.invoke(null, method, subkey, encrypt);
    }

    /** [seal s/GiB, open s/GiB] */
    private static double[] run(Object method, String variant, int mib, int write) throws Exception {
        ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
        byte[] key = (byte[]) Class.forName(PKG + "SsKeys").getMethod("masterKey", String.class, int.class)
                .invoke(null, "bench", method.getClass().getMethod("keySize").invoke(method));
        Constructor<?> ec = Class.forName(PKG + "SsStreamEncoder").getDeclaredConstructor(method.getClass(), byte[].class, byte[].class);
        ec.setAccessible(true);
        int keySize = key.length;
        byte[] salt = new byte[keySize];
        new SecureRandom().nextBytes(salt);
        Object encoder = ec.newInstance(method, key, salt);
        Method encode = encoder.getClass().getDeclaredMethod("encode", ByteBuf.class, ByteBufAllocator.class);
        encode.setAccessible(true);
        Constructor<?> dc = Class.forName(PKG + "SsStreamDecoder").getDeclaredConstructor(method.getClass(), byte[].class,
                Class.forName(PKG + "SaltFilter"));
        dc.setAccessible(true);
        Object decoder = dc.newInstance(method, key, null);
        Method decode = decoder.getClass().getDeclaredMethod("decode", ByteBuf.class, ByteBufAllocator.class, List.class);
        decode.setAccessible(true);
        // both ends get the variant's sealer under one subkey; the stream then starts without its salt
        byte[] subkey = (byte[]) Class.forName(PKG + "SsKeys").getMethod("subkey", byte[].class, byte[].class, int.class, int.class)
                .invoke(null, key, salt, 0, keySize);
        String route = variant.equals("jca") ? "jca" : "openSsl";
        Constructor<?> aead = Class.forName(PKG + "SsAead").getDeclaredConstructor(Class.forName(PKG + "SsSealer"));
        aead.setAccessible(true);
        set(encoder, "aead", aead.newInstance(sealer(route, method, subkey, true)));
        set(decoder, "aead", aead.newInstance(sealer(route, method, subkey, false)));
        set(decoder, "salt", salt);
        ByteBuf payload = alloc.directBuffer(write);
        payload.writeBytes(new byte[write]);
        int writes = (int) ((long) mib << 20) / write;
        List<ByteBuf> out = new ArrayList<>();
        long opened = 0;
        long sealCpu = 0;
        long openCpu = 0;
        // each write is sealed and at once opened again, as a pair of proxies would: the buffers stay in cache
        for (int i = 0; i < writes; i++) {
            long t0 = THREADS.getCurrentThreadCpuTime();
            ByteBuf in = (ByteBuf) encode.invoke(encoder, payload, alloc);
            long t1 = THREADS.getCurrentThreadCpuTime();
            decode.invoke(decoder, in, alloc, out);
            for (ByteBuf b : out) {
                opened += b.readableBytes();
                b.release();
            }
            out.clear();
            in.release();
            long t2 = THREADS.getCurrentThreadCpuTime();
            sealCpu += t1 - t0;
            openCpu += t2 - t1;
        }
        payload.release();
        if (opened != (long) writes * write) {
            throw new IllegalStateException("opened " + opened + " of " + (long) writes * write + " bytes");
        }
        double gib = (double) writes * write / (1 << 30);
        return new double[] {sealCpu / 1e9 / gib, openCpu / 1e9 / gib};
    }

    private static void set(Object target, String field, Object value) throws Exception {
        Field f = target.getClass().getDeclaredField(field);
        f.setAccessible(true);
        f.set(target, value);
    }
}
