package dev.vtool.engine.reverse;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Mux.cool frames written and read by hand, for tests that play a portal or a bridge on a plain socket. */
final class MuxWire {
    static final int NEW = 1;
    static final int KEEP = 2;
    static final int END = 3;
    static final int TCP = 1;
    static final int UDP = 2;

    /** One frame read back. */
    record Frame(int id, int status, int option, int network, String host, int port, byte[] data) {
    }

    private MuxWire() {
    }

    /** New to a domain or IPv4 literal (port before address, as Mux.cool writes it), with data when not null. */
    static byte[] open(int id, int network, String host, int port, byte[] data) {
        byte[] addr;
        int type;
        if (host.matches("\\d+\\.\\d+\\.\\d+\\.\\d+")) {
            String[] p = host.split("\\.");
            addr = new byte[] {(byte) Integer.parseInt(p[0]), (byte) Integer.parseInt(p[1]),
                    (byte) Integer.parseInt(p[2]), (byte) Integer.parseInt(p[3])};
            type = 1;
        } else {
            byte[] name = host.getBytes(StandardCharsets.US_ASCII);
            addr = new byte[name.length + 1];
            addr[0] = (byte) name.length;
            System.arraycopy(name, 0, addr, 1, name.length);
            type = 2;
        }
        byte[] meta = new byte[2 + 1 + 1 + 1 + 2 + 1 + addr.length];
        meta[0] = (byte) (id >> 8);
        meta[1] = (byte) id;
        meta[2] = NEW;
        meta[3] = (byte) (data == null ? 0 : 1);
        meta[4] = (byte) network;
        meta[5] = (byte) (port >> 8);
        meta[6] = (byte) port;
        meta[7] = (byte) type;
        System.arraycopy(addr, 0, meta, 8, addr.length);
        return frame(meta, data);
    }

    static byte[] keep(int id, byte[] data) {
        return frame(new byte[] {(byte) (id >> 8), (byte) id, KEEP, 1}, data);
    }

    static byte[] status(int id, int status, int option) {
        return frame(new byte[] {(byte) (id >> 8), (byte) id, (byte) status, (byte) option}, null);
    }

    private static byte[] frame(byte[] meta, byte[] data) {
        int n = 2 + meta.length + (data == null ? 0 : 2 + data.length);
        byte[] out = new byte[n];
        out[0] = (byte) (meta.length >> 8);
        out[1] = (byte) meta.length;
        System.arraycopy(meta, 0, out, 2, meta.length);
        if (data != null) {
            int at = 2 + meta.length;
            out[at] = (byte) (data.length >> 8);
            out[at + 1] = (byte) data.length;
            System.arraycopy(data, 0, out, at + 2, data.length);
        }
        return out;
    }

    static void write(OutputStream out, byte[]... frames) throws IOException {
        for (byte[] f : frames) {
            out.write(f);
        }
        out.flush();
    }

    /** Reads one frame (the socket's timeout bounds the wait). */
    static Frame read(InputStream in) throws IOException {
        DataInputStream d = new DataInputStream(in);
        int metaLen = d.readUnsignedShort();
        byte[] meta = d.readNBytes(metaLen);
        if (meta.length != metaLen || metaLen < 4) {
            throw new IOException("short frame metadata: " + meta.length);
        }
        int id = (meta[0] & 0xff) << 8 | meta[1] & 0xff;
        int status = meta[2] & 0xff;
        int option = meta[3] & 0xff;
        int network = 0;
        int port = 0;
        String host = null;
        if (status == NEW && metaLen > 4) {
            network = meta[4] & 0xff;
            port = (meta[5] & 0xff) << 8 | meta[6] & 0xff;
            int type = meta[7] & 0xff;
            if (type == 1) {
                host = (meta[8] & 0xff) + "." + (meta[9] & 0xff) + "." + (meta[10] & 0xff) + "." + (meta[11] & 0xff);
            } else if (type == 2) {
                host = new String(meta, 9, meta[8] & 0xff, StandardCharsets.US_ASCII);
            }
        }
        byte[] data = null;
        if ((option & 1) != 0) {
            int len = d.readUnsignedShort();
            data = d.readNBytes(len);
        }
        return new Frame(id, status, option, network, host, port, data);
    }
}
