package dev.vtool.cli.api;

import java.util.List;

/**
 * What {@code vtool api} was asked to do, as plain values (so the command class never touches gRPC).
 *
 * @param server  host:port of the API inbound
 * @param method  a word ({@code statsquery}, {@code adduser}, ...) or v2ctl's {@code Service.Method}
 * @param args    the positional arguments after the method
 * @param tag     --tag (inbound of adduser/rmuser)
 * @param email   --email
 * @param id      --id (vmess user id)
 * @param alterId --alter-id
 * @param level   --level
 * @param reset   --reset
 * @param protocol --protocol: the account kind of adduser (vmess, vless, trojan)
 * @param password --password (trojan)
 */
public record ApiRequest(String server, long timeoutMillis, String method, List<String> args, String tag,
                         String email, String id, int alterId, int level, boolean reset, String protocol,
                         String password) {
    public ApiRequest {
        args = List.copyOf(args);
    }
}
