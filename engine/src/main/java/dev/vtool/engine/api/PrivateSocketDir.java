package dev.vtool.engine.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A directory only this process's user can enter (mode 0700), holding the gRPC server's unix socket: other
 * local users can neither connect to the socket nor replace it, so the API is reachable only through the
 * {@code api} inbound that routing sends to it. Deleted with its socket on close.
 */
final class PrivateSocketDir implements AutoCloseable {
    /** sun_path holds 108 bytes with its terminator; a longer temp dir falls back to loopback TCP. */
    private static final int MAX_PATH = 107;
    private final Path dir;
    private final Path socket;

    private PrivateSocketDir(Path dir) {
        this.dir = dir;
        this.socket = dir.resolve("api.sock");
    }

    static PrivateSocketDir create() throws IOException {
        Path dir = Files.createTempDirectory("vtool-api-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        PrivateSocketDir d = new PrivateSocketDir(dir);
        if (d.socket.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_PATH) {
            d.close();
            throw new IOException("the temp directory's path is too long for a unix socket: " + dir);
        }
        return d;
    }

    Path dir() {
        return dir;
    }

    Path socket() {
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
