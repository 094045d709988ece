package dev.vtool.engine.api;

import io.grpc.MethodDescriptor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The gRPC methods of 4.34's API, by their full names ({@code /v2ray.core.app.stats.command.StatsService/GetStats}
 * ...). Messages travel as raw bytes; each side decodes them with the records of this package, so no
 * generated code is needed and the wire is exactly protobuf's.
 */
public final class ApiMethods {
    public static final String STATS = "v2ray.core.app.stats.command.StatsService";
    public static final String HANDLER = "v2ray.core.app.proxyman.command.HandlerService";
    public static final String LOGGER = "v2ray.core.app.log.command.LoggerService";

    private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes(); // grpc caps a message at 4 MiB before this
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    private ApiMethods() {
    }

    public static MethodDescriptor<byte[], byte[]> unary(String service, String method) {
        return MethodDescriptor.<byte[], byte[]>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(MethodDescriptor.generateFullMethodName(service, method))
                .setRequestMarshaller(BYTES)
                .setResponseMarshaller(BYTES)
                .build();
    }
}
