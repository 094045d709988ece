package dev.vtool.engine.vmess.encoding;

/**
 * Response header plaintext R: V, options (4.34 sends 0), command id, length, command body.
 *
 * @param command the Switch Account command, or null
 */
public record ResponseHeader(int options, SwitchAccountCommand command) {
    public static final ResponseHeader EMPTY = new ResponseHeader(0, null);

    public byte[] encode(int responseAuth) {
        if (command == null) {
            return new byte[] {(byte) responseAuth, (byte) options, 0, 0};
        }
        byte[] body = command.marshal();
        byte[] out = new byte[4 + body.length];
        out[0] = (byte) responseAuth;
        out[1] = (byte) options;
        out[2] = SwitchAccountCommand.ID;
        out[3] = (byte) body.length;
        System.arraycopy(body, 0, out, 4, body.length);
        return out;
    }
}
