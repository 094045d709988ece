package dev.vtool.engine.api;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One decoded protobuf message as its fields by number (varints as longs, length-delimited fields as
 * bytes): enough for 4.34's small API messages without generated classes. Unknown fields are kept and
 * ignored, as protobuf readers do; a malformed message is an {@link IOException}.
 */
public final class ProtoFields {
    /** A bound on nesting and size: API requests are small, a hostile one must not cost much. */
    private static final int MAX_FIELDS = 100_000;
    private final Map<Integer, List<Object>> fields = new HashMap<>();

    private ProtoFields() {
    }

    public static ProtoFields parse(byte[] bytes) throws IOException {
        ProtoFields out = new ProtoFields();
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        int count = 0;
        while (true) {
            int tag = in.readTag();
            if (tag == 0) {
                return out;
            }
            if (++count > MAX_FIELDS) {
                throw new IOException("too many fields");
            }
            int number = WireFormat.getTagFieldNumber(tag);
            Object value = switch (WireFormat.getTagWireType(tag)) {
                case WireFormat.WIRETYPE_VARINT -> in.readRawVarint64();
                case WireFormat.WIRETYPE_LENGTH_DELIMITED -> in.readBytes().toByteArray();
                case WireFormat.WIRETYPE_FIXED64 -> in.readRawLittleEndian64();
                case WireFormat.WIRETYPE_FIXED32 -> (long) in.readRawLittleEndian32();
                default -> throw new IOException("unsupported wire type in field " + number);
            };
            out.fields.computeIfAbsent(number, k -> new ArrayList<>(1)).add(value);
        }
    }

    private Object last(int number) {
        List<Object> v = fields.get(number);
        return v == null ? null : v.get(v.size() - 1);
    }

    public String string(int number) throws IOException {
        Object v = last(number);
        if (v == null) {
            return "";
        }
        if (!(v instanceof byte[] b)) {
            throw new IOException("field " + number + " is not a string");
        }
        return ByteString.copyFrom(b).toStringUtf8();
    }

    public long varint(int number) throws IOException {
        Object v = last(number);
        if (v == null) {
            return 0;
        }
        if (!(v instanceof Long l)) {
            throw new IOException("field " + number + " is not a number");
        }
        return l;
    }

    public boolean bool(int number) throws IOException {
        return varint(number) != 0;
    }

    /** A nested message, or null when absent. */
    public byte[] bytes(int number) throws IOException {
        Object v = last(number);
        if (v == null) {
            return null;
        }
        if (!(v instanceof byte[] b)) {
            throw new IOException("field " + number + " is not a message");
        }
        return b;
    }

    /** Every occurrence of a repeated message field, in order. */
    public List<byte[]> repeated(int number) throws IOException {
        List<byte[]> out = new ArrayList<>();
        for (Object v : fields.getOrDefault(number, List.of())) {
            if (!(v instanceof byte[] b)) {
                throw new IOException("field " + number + " is not a message");
            }
            out.add(b);
        }
        return out;
    }

    /** Every value of a repeated scalar (enum, uint) field, packed (proto3's default) or not, in order. */
    public List<Long> varints(int number) throws IOException {
        List<Long> out = new ArrayList<>();
        for (Object v : fields.getOrDefault(number, List.of())) {
            if (v instanceof Long l) {
                out.add(l);
            } else {
                CodedInputStream in = CodedInputStream.newInstance((byte[]) v);
                while (!in.isAtEnd()) {
                    out.add(in.readRawVarint64());
                }
            }
        }
        return out;
    }

    /** Every occurrence of a repeated string field, in order. */
    public List<String> strings(int number) throws IOException {
        List<String> out = new ArrayList<>();
        for (byte[] b : repeated(number)) {
            out.add(ByteString.copyFrom(b).toStringUtf8());
        }
        return out;
    }
}
