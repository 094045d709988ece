package dev.vtool.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Running v2ray processes of one test: started on a config with their output in a file, killed by
 * {@link #close()}: use try-with-resources, or register it on the test instance
 * ({@code @RegisterExtension final V2rayProcesses processes = new V2rayProcesses();}) to close it after
 * each test. Every wait is bounded.
 */
public final class V2rayProcesses implements AutoCloseable, AfterEachCallback {
    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(10);
    private final List<Process> processes = new ArrayList<>();

    /** Starts {@code v2ray -config config} (skipping the test if v2ray is absent), output to {@code output}. */
    public Process start(Path config, Path output) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(V2rayBinary.require().toString(), "-config", config.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().remove("V2RAY_VMESS_AEAD_DISABLED");
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    /** Starts {@code v2ray ARGS...} (e.g. several -config, or -confdir) in {@code workingDir}, output to {@code output}. */
    public Process start(List<String> args, Path workingDir, Path output) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(V2rayBinary.require().toString());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workingDir.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().remove("V2RAY_VMESS_AEAD_DISABLED");
        pb.environment().remove("V2RAY_LOCATION_CONFDIR");
        pb.environment().remove("V2RAY_LOCATION_CONFIG");
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    /** Adds a process started elsewhere (e.g. vtool's), so {@link #close()} stops it too. */
    public Process track(Process p) {
        processes.add(p);
        return p;
    }

    public List<Process> all() {
        return List.copyOf(processes);
    }

    /** Waits until something accepts on the loopback port (10 s at most). */
    public static void awaitListening(int port) throws InterruptedException {
        awaitListening(port, null);
    }

    /** Same, failing at once when {@code process} (if not null) has exited. */
    public static void awaitListening(int port, Process process) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (System.nanoTime() < deadline) {
            if (process != null && !process.isAlive()) {
                fail("v2ray exited early with code " + process.exitValue());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        fail("nothing listens on 127.0.0.1:" + port + " after 10 s");
    }

    /** Waits until the file contains the text (10 s at most); returns its content. */
    public static String awaitInFile(Path file, String text) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                String content = Files.readString(file);
                if (content.contains(text)) {
                    return content;
                }
            }
            Thread.sleep(100);
        }
        return fail("'" + text + "' did not appear in " + file + " within 10 s; it has: "
                + (Files.exists(file) ? Files.readString(file) : "(no file)"));
    }

    /** Reads what came back until EOF or the socket's timeout; the number of bytes. */
    public static int drain(InputStream in) throws IOException {
        int total = 0;
        byte[] buf = new byte[4096];
        try {
            for (int n; total < 1 << 20 && (n = in.read(buf)) > 0; ) {
                total += n;
            }
        } catch (SocketTimeoutException e) {
            // the other side kept the connection open: that is what the caller wanted to provoke
        }
        return total;
    }

    @Override
    public void afterEach(ExtensionContext context) throws InterruptedException {
        close();
    }

    /** Stops every process started here: politely, then forcibly, 5 s each at most. */
    @Override
    public void close() throws InterruptedException {
        for (Process p : processes) {
            p.destroy();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        processes.clear();
    }
}
