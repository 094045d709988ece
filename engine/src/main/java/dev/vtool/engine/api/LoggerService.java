package dev.vtool.engine.api;

import dev.vtool.engine.EngineException;
import dev.vtool.engine.log.EngineLog;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ServerCalls;

/** 4.34's LoggerService: RestartLogger closes and reopens the log files (for log rotation). */
final class LoggerService {
    private static final String PKG = "app/log/command";
    private final EngineLog log;

    LoggerService(EngineLog log) {
        this.log = log;
    }

    ServerServiceDefinition definition() {
        return ServerServiceDefinition.builder(ApiMethods.LOGGER)
                .addMethod(ApiMethods.unary(ApiMethods.LOGGER, "RestartLogger"),
                        ServerCalls.asyncUnaryCall(ApiCall.of(PKG, this::restart)))
                .build();
    }

    private byte[] restart(byte[] raw) throws java.io.IOException, EngineException {
        ProtoFields.parse(raw);
        try {
            log.reopen();
        } catch (java.io.IOException e) {
            throw new EngineException("failed to start a new logger > " + e.getMessage());
        }
        return new byte[0];
    }
}
