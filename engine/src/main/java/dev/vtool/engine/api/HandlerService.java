package dev.vtool.engine.api;

import dev.vtool.engine.Engine;
import dev.vtool.engine.EngineException;
import dev.vtool.engine.InboundHandler;
import dev.vtool.engine.UserManager;
import dev.vtool.schema.model.InboundConfig;
import dev.vtool.schema.model.OutboundConfig;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.stub.ServerCalls;
import java.io.IOException;

/**
 * 4.34's HandlerService: inbounds and outbounds added and removed, users added to and removed from an
 * inbound, while the engine runs. Handlers come in 4.34's protobuf form ({@link ProtoInbounds},
 * {@link ProtoOutbounds}) or as vtool's JSON TypedMessages ({@link JsonHandlerConfigs}); both end as the JSON
 * a config file holds, read by the same model builder. Calls run one at a time (the server's executor).
 */
final class HandlerService {
    private static final String PKG = "app/proxyman/command";
    private final Engine engine;

    HandlerService(Engine engine) {
        this.engine = engine;
    }

    ServerServiceDefinition definition() {
        return ServerServiceDefinition.builder(ApiMethods.HANDLER)
                .addMethod(ApiMethods.unary(ApiMethods.HANDLER, "AddInbound"),
                        ServerCalls.asyncUnaryCall(ApiCall.of(PKG, this::addInbound)))
                .addMethod(ApiMethods.unary(ApiMethods.HANDLER, "RemoveInbound"),
                        ServerCalls.asyncUnaryCall(ApiCall.of(PKG, this::removeInbound)))
                .addMethod(ApiMethods.unary(ApiMethods.HANDLER, "AlterInbound"),
                        ServerCalls.asyncUnaryCall(ApiCall.of(PKG, this::alterInbound)))
                .addMethod(ApiMethods.unary(ApiMethods.HANDLER, "AddOutbound"),
                        ServerCalls.asyncUnaryCall(ApiCall.of(PKG, this::addOutbound)))
                .addMethod(ApiMethods.unary(ApiMethods.HANDLER, "RemoveOutbound"),
                        ServerCalls.asyncUnaryCall(ApiCall.of(PKG, this::removeOutbound)))
                .addMethod(ApiMethods.unary(ApiMethods.HANDLER, "AlterOutbound"),
                        ServerCalls.asyncUnaryCall(ApiCall.of(PKG, this::alterOutbound)))
                .build();
    }

    private byte[] addInbound(byte[] raw) throws IOException, EngineException {
        HandlerMessages.HandlerConfig c = HandlerMessages.decodeAdd(raw);
        byte[] json = json(c, JsonHandlerConfigs.INBOUND, "inbound");
        InboundConfig ic = JsonHandlerConfigs.inbound(json);
        if (ic.tag() == null && !c.tag().isEmpty()) {
            ic = new InboundConfig(c.tag(), ic.listen(), ic.ports(), ic.protocol(), ic.settings(), ic.sniffing(),
                    ic.streamSettings(), ic.pointer());
        }
        engine.addInbound(ic);
        return new byte[0];
    }

    private byte[] addOutbound(byte[] raw) throws IOException, EngineException {
        HandlerMessages.HandlerConfig c = HandlerMessages.decodeAdd(raw);
        byte[] json = json(c, JsonHandlerConfigs.OUTBOUND, "outbound");
        OutboundConfig oc = JsonHandlerConfigs.outbound(json);
        if (oc.tag() == null && !c.tag().isEmpty()) {
            oc = new OutboundConfig(c.tag(), oc.protocol(), oc.settings(), oc.sendThrough(), oc.proxyTag(),
                    oc.streamSettings(), oc.pointer());
        }
        engine.addOutbound(oc);
        return new byte[0];
    }

    /**
     * The JSON object of the handler: vtool's own form as it came, or 4.34's protobuf form decoded into the
     * same JSON a config file holds; other types are refused (UNIMPLEMENTED) by name.
     */
    private static byte[] json(HandlerMessages.HandlerConfig c, String type, String side) throws IOException {
        if (c == null) {
            throw Status.INVALID_ARGUMENT.withDescription("no " + side + " in the request").asRuntimeException();
        }
        HandlerMessages.TypedMessage proxy = c.proxySettings();
        if (proxy == null || proxy.type().isEmpty()) {
            throw Status.INVALID_ARGUMENT.withDescription("the " + side + " has no proxy_settings").asRuntimeException();
        }
        if (type.equals(proxy.type())) {
            return proxy.value();
        }
        boolean inbound = side.equals("inbound");
        if (inbound ? ProtoInbounds.decodes(proxy.type()) : ProtoOutbounds.decodes(proxy.type())) {
            String json = inbound ? ProtoInbounds.json(c) : ProtoOutbounds.json(c);
            return json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        throw ProtoCommon.refuse(proxy.type(), "the " + side + "'s proxy_settings (or vtool's JSON form, " + type + ")");
    }

    private byte[] removeInbound(byte[] raw) throws IOException, EngineException {
        engine.removeInbound(HandlerMessages.decodeTag(raw));
        return new byte[0];
    }

    private byte[] removeOutbound(byte[] raw) throws IOException, EngineException {
        engine.removeOutbound(HandlerMessages.decodeTag(raw));
        return new byte[0];
    }

    private byte[] alterInbound(byte[] raw) throws IOException, EngineException {
        HandlerMessages.AlterRequest r = HandlerMessages.AlterRequest.decode(raw);
        HandlerMessages.TypedMessage op = r.operation();
        if (op == null || !(HandlerMessages.ADD_USER.equals(op.type()) || HandlerMessages.REMOVE_USER.equals(op.type()))) {
            throw new EngineException("unknown operation" + (op == null ? "" : " > " + op.type()));
        }
        InboundHandler h = engine.inbound(r.tag());
        if (h == null) {
            throw new EngineException("failed to get handler: " + r.tag() + " > not found");
        }
        if (!(h instanceof UserManager users)) {
            throw new EngineException("proxy is not a UserManager");
        }
        if (HandlerMessages.ADD_USER.equals(op.type())) {
            HandlerMessages.AddUserOperation add = HandlerMessages.AddUserOperation.decode(op.value());
            if (add.user() == null) {
                throw new EngineException("failed to parse user > no user");
            }
            users.addUser(Accounts.decode(add.user()));
        } else {
            users.removeUser(HandlerMessages.RemoveUserOperation.decode(op.value()).email());
        }
        return new byte[0];
    }

    /** 4.34 has no outbound operation either. */
    private byte[] alterOutbound(byte[] raw) throws IOException, EngineException {
        HandlerMessages.AlterRequest.decode(raw);
        throw new EngineException("not an outbound operation");
    }
}
