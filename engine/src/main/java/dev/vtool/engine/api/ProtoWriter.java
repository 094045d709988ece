package dev.vtool.engine.api;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Writes one protobuf message field by field; proto3 defaults (0, "", false) are left out, as protoc's code does. */
public final class ProtoWriter {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CodedOutputStream out = CodedOutputStream.newInstance(bytes);

    public ProtoWriter string(int number, String value) {
        if (value != null && !value.isEmpty()) {
            run(() -> out.writeString(number, value));
        }
        return this;
    }

    /** int64/uint64/uint32/enum/bool all travel as varints. */
    public ProtoWriter varint(int number, long value) {
        if (value != 0) {
            run(() -> out.writeUInt64(number, value));
        }
        return this;
    }

    public ProtoWriter bool(int number, boolean value) {
        return varint(number, value ? 1 : 0);
    }

    /** A nested message or bytes field; null leaves it out, an empty message is written (it is set). */
    public ProtoWriter bytes(int number, byte[] value) {
        if (value != null) {
            run(() -> out.writeByteArray(number, value));
        }
        return this;
    }

    public byte[] toByteArray() {
        run(out::flush);
        return bytes.toByteArray();
    }

    private interface Io {
        void run() throws IOException;
    }

    private static void run(Io io) {
        try {
            io.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
    }
}
