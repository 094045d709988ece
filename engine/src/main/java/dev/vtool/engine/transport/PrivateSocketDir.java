package dev.vtool.engine.transport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A fresh directory only this process's user can enter (mode 0700), holding one unix socket: other local
 * users can neither connect to the socket nor replace it. Deleted with its socket on close. The gRPC API
 * server listens in one; a {@code proxySettings} chain meets its two ends in another.
 */
public final class PrivateSocketDir implements AutoCloseable {
    /** sun_path holds 108 bytes with its terminator. */
    private static final int MAX_PATH = 107;
    private final Path dir;
    private final Path socket;

    private PrivateSocketDir(Path dir, String socketName) {
        this.dir = dir;
        this.socket = dir.resolve(socketName);
    }

    /**
     * @param prefix     the temp directory's name prefix (says who made it)
     * @param socketName the socket's file name inside it
     * @throws IOException also when the temp dir's path is too long for a unix socket
     */
    public static PrivateSocketDir create(String prefix, String socketName) throws IOException {
        Path dir = Files.createTempDirectory(prefix,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        PrivateSocketDir d = new PrivateSocketDir(dir, socketName);
        if (d.socket.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_PATH) {
            d.close();
            throw new IOException("the temp directory's path is too long for a unix socket: " + dir);
        }
        return d;
    }

    public Path dir() {
        return dir;
    }

    public Path socket() {
        return socket;
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a leftover empty 0700 directory in the temp dir harms nobody
        }
    }
}
