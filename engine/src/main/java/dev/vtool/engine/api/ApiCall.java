package dev.vtool.engine.api;

import dev.vtool.engine.EngineException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.IOException;

/**
 * One unary API method: decodes, runs, answers; failures become statuses the way 4.34's do (its Go errors
 * reach the client as UNKNOWN with the error text), a malformed request INVALID_ARGUMENT.
 */
@FunctionalInterface
interface ApiCall {
    byte[] call(byte[] request) throws IOException, EngineException;

    static ServerCalls.UnaryMethod<byte[], byte[]> of(String pkg, ApiCall call) {
        return (request, response) -> answer(pkg, call, request, response);
    }

    private static void answer(String pkg, ApiCall call, byte[] request, StreamObserver<byte[]> response) {
        try {
            byte[] out = call.call(request);
            response.onNext(out);
            response.onCompleted();
        } catch (IOException e) {
            response.onError(Status.INVALID_ARGUMENT.withDescription("malformed request: " + e.getMessage())
                    .asRuntimeException());
        } catch (EngineException e) {
            response.onError(Status.UNKNOWN.withDescription("v2ray.com/core/" + pkg + ": " + e.getMessage())
                    .asRuntimeException());
        } catch (StatusRuntimeException e) {
            response.onError(e);
        } catch (RuntimeException e) {
            response.onError(Status.INTERNAL.withDescription(e.toString()).asRuntimeException());
        }
    }
}
