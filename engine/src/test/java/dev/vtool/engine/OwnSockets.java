package dev.vtool.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** This process's sockets as Linux lists them: its socket inodes in /proc/self/fd, matched in /proc/net. */
public final class OwnSockets {
    private OwnSockets() {
    }

    public static boolean available() {
        return Files.isDirectory(Path.of("/proc/self/fd")) && Files.exists(Path.of("/proc/net/unix"));
    }

    /** Inodes of this process's sockets, from the links in /proc/self/fd. */
    private static Set<String> inodes() throws IOException {
        Set<String> inodes = new HashSet<>();
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException e) {
                    // closed while listing
                }
            }
        }
        return inodes;
    }

    /** Local ports of this process's TCP sockets in LISTEN state (0A), IPv4 and IPv6. */
    public static Set<Integer> listeningTcpPorts() throws IOException {
        Set<String> own = inodes();
        Set<Integer> ports = new TreeSet<>();
        for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
            Path p = Path.of(table);
            if (!Files.exists(p)) {
                continue;
            }
            List<String> lines = Files.readAllLines(p);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 9 && f[3].equals("0A") && own.contains(f[9])) {
                    String local = f[1];
                    ports.add(Integer.parseInt(local.substring(local.lastIndexOf(':') + 1), 16));
                }
            }
        }
        return ports;
    }

    /** Paths of this process's unix sockets with a file name, from /proc/net/unix. */
    public static List<Path> unixSocketPaths() throws IOException {
        Set<String> own = inodes();
        List<String> lines = Files.readAllLines(Path.of("/proc/net/unix"));
        return lines.subList(1, lines.size()).stream().map(l -> l.trim().split("\\s+"))
                .filter(f -> f.length > 7 && own.contains(f[6]) && f[7].startsWith("/"))
                .map(f -> Path.of(f[7])).toList();
    }
}
