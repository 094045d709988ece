package dev.vtool.engine.api;

import java.io.IOException;

/**
 * The messages of 4.34's {@code v2ray.core.app.proxyman.command.HandlerService} and the shared types they
 * carry ({@code v2ray.core.common.serial.TypedMessage}, {@code v2ray.core.common.protocol.User},
 * {@code v2ray.core.InboundHandlerConfig}, {@code OutboundHandlerConfig}), with 4.34's field numbers.
 */
public final class HandlerMessages {
    /** The operation types of AlterInbound, as 4.34 names them in a TypedMessage. */
    public static final String ADD_USER = "v2ray.core.app.proxyman.command.AddUserOperation";
    public static final String REMOVE_USER = "v2ray.core.app.proxyman.command.RemoveUserOperation";

    private HandlerMessages() {
    }

    /** {@code TypedMessage}: type = 1 (full protobuf message name), value = 2 (its bytes). */
    public record TypedMessage(String type, byte[] value) {
        public byte[] encode() {
            return new ProtoWriter().string(1, type).bytes(2, value == null || value.length == 0 ? null : value)
                    .toByteArray();
        }

        public static TypedMessage decode(byte[] b) throws IOException {
            if (b == null) {
                return null;
            }
            ProtoFields f = ProtoFields.parse(b);
            byte[] v = f.bytes(2);
            return new TypedMessage(f.string(1), v == null ? new byte[0] : v);
        }
    }

    /** {@code common.protocol.User}: level = 1, email = 2, account = 3 (TypedMessage). */
    public record User(int level, String email, TypedMessage account) {
        public byte[] encode() {
            return new ProtoWriter().varint(1, level).string(2, email)
                    .bytes(3, account == null ? null : account.encode()).toByteArray();
        }

        public static User decode(byte[] b) throws IOException {
            ProtoFields f = ProtoFields.parse(b);
            return new User((int) f.varint(1), f.string(2), TypedMessage.decode(f.bytes(3)));
        }
    }

    /** {@code AddUserOperation}: user = 1. */
    public record AddUserOperation(User user) {
        public byte[] encode() {
            return new ProtoWriter().bytes(1, user.encode()).toByteArray();
        }

        public static AddUserOperation decode(byte[] b) throws IOException {
            byte[] u = ProtoFields.parse(b).bytes(1);
            return new AddUserOperation(u == null ? null : User.decode(u));
        }
    }

    /** {@code RemoveUserOperation}: email = 1. */
    public record RemoveUserOperation(String email) {
        public byte[] encode() {
            return new ProtoWriter().string(1, email).toByteArray();
        }

        public static RemoveUserOperation decode(byte[] b) throws IOException {
            return new RemoveUserOperation(ProtoFields.parse(b).string(1));
        }
    }

    /**
     * {@code core.InboundHandlerConfig} (tag = 1, receiver_settings = 2, proxy_settings = 3) and
     * {@code core.OutboundHandlerConfig} (tag = 1, sender_settings = 2, proxy_settings = 3, expire = 4,
     * comment = 5): the same first three fields.
     */
    public record HandlerConfig(String tag, TypedMessage transportSettings, TypedMessage proxySettings) {
        public byte[] encode() {
            return new ProtoWriter().string(1, tag)
                    .bytes(2, transportSettings == null ? null : transportSettings.encode())
                    .bytes(3, proxySettings == null ? null : proxySettings.encode()).toByteArray();
        }

        public static HandlerConfig decode(byte[] b) throws IOException {
            if (b == null) {
                return null;
            }
            ProtoFields f = ProtoFields.parse(b);
            return new HandlerConfig(f.string(1), TypedMessage.decode(f.bytes(2)), TypedMessage.decode(f.bytes(3)));
        }
    }

    /** {@code AddInboundRequest} / {@code AddOutboundRequest}: inbound|outbound = 1. */
    public static byte[] encodeAdd(HandlerConfig config) {
        return new ProtoWriter().bytes(1, config.encode()).toByteArray();
    }

    public static HandlerConfig decodeAdd(byte[] b) throws IOException {
        return HandlerConfig.decode(ProtoFields.parse(b).bytes(1));
    }

    /** {@code RemoveInboundRequest} / {@code RemoveOutboundRequest}: tag = 1. */
    public static byte[] encodeTag(String tag) {
        return new ProtoWriter().string(1, tag).toByteArray();
    }

    public static String decodeTag(byte[] b) throws IOException {
        return ProtoFields.parse(b).string(1);
    }

    /** {@code AlterInboundRequest} / {@code AlterOutboundRequest}: tag = 1, operation = 2 (TypedMessage). */
    public record AlterRequest(String tag, TypedMessage operation) {
        public byte[] encode() {
            return new ProtoWriter().string(1, tag).bytes(2, operation.encode()).toByteArray();
        }

        public static AlterRequest decode(byte[] b) throws IOException {
            ProtoFields f = ProtoFields.parse(b);
            return new AlterRequest(f.string(1), TypedMessage.decode(f.bytes(2)));
        }
    }
}
