package dev.vtool.cli;

import java.util.List;
import java.util.Map;

/**
 * The examples at the end of each command's --help. Every line starting with "$ vtool" is run by
 * HelpExamplesTest from the repository root (paths under testdata/ are the repository's; other relative
 * files are scratch copies of testdata/seed/client.json and server.json), so they cannot rot.
 */
final class HelpExamples {
    private HelpExamples() {
    }

    static final Map<String, List<String>> BY_COMMAND = Map.ofEntries(
            Map.entry("lint", List.of(
                    "$ vtool lint testdata/seed/client.json testdata/seed/server.json",
                    "$ vtool lint --format github --strict testdata/seed/client.json",
                    "$ vtool lint --disable open-proxy,legacy-alter-id testdata/seed/client.json",
                    "$ vtool lint --rules",
                    "In a config: // vtool-disable-line RULE, // vtool-disable-next-line RULE, or",
                    "// vtool-disable RULE for the whole file; project-wide: .vtool.json, e.g.",
                    "{\"disable\": [\"open-proxy\"], \"severity\": {\"legacy-alter-id\": \"error\"}}")),
            Map.entry("fmt", List.of(
                    "$ vtool fmt testdata/seed/server.json           # print it formatted",
                    "$ vtool fmt --check testdata/seed/server.json   # CI: diff, exit 1",
                    "$ vtool fmt --write client.json server.json",
                    "$ vtool fmt --key-order v2ray --indent 4 server.json")),
            Map.entry("run", List.of(
                    "$ vtool run -test -c testdata/seed/server.json   # like v2ray -test",
                    "$ vtool run -test -confdir testdata/seed          # every *.json of the directory, merged",
                    "vtool run -c server.json runs until SIGTERM or Ctrl-C: then it stops accepting,",
                    "lets live connections finish for up to 5 s and exits 0 (like v2ray).")),
            Map.entry("schema", List.of(
                    "$ vtool schema > v2ray.schema.json")),
            Map.entry("pair", List.of(
                    "$ vtool pair testdata/seed/client.json testdata/seed/server.json",
                    "$ vtool pair --server server.json client.json")),
            Map.entry("uuid", List.of(
                    "$ vtool uuid",
                    "$ vtool uuid -n 3",
                    "$ vtool uuid -i \"my memorable secret\"",
                    "$ vtool uuid --check b831381d-6324-4d53-ad4f-8cda48b30811")),
            Map.entry("init", List.of(
                    "$ vtool init --yes --server-address 203.0.113.7 --output-dir my-proxy",
                    "$ vtool init --yes --transport ws+tls --domain proxy.example.org -o ws-proxy")),
            Map.entry("link", List.of(
                    "$ vtool link client.json",
                    "$ vtool link --qr client.json")),
            Map.entry("api", List.of(
                    "vtool api statsquery --server=127.0.0.1:10085 'pattern: \"\"'",
                    "vtool api statsget -s 127.0.0.1:10085 'user>>>love@example.com>>>traffic>>>uplink'",
                    "vtool api adduser -s 127.0.0.1:10085 --tag vmess-in --email new@example.com --id $(vtool uuid)",
                    "vtool api addinbound -s 127.0.0.1:10085 inbound.json   # one inbound object",
                    "vtool api rminbound -s 127.0.0.1:10085 socks-in")),
            Map.entry("version", List.of(
                    "$ vtool version",
                    "$ vtool run -version                            # v2ray's spelling")),
            Map.entry("completion", List.of(
                    "$ vtool completion bash",
                    "$ vtool completion fish")),
            Map.entry("cert", List.of(
                    "$ vtool cert --domain proxy.example.org --expire 240h    # JSON for certificates",
                    "$ vtool cert --ca --name \"My CA\" --file myca --no-json",
                    "$ vtool cert --issuer-cert myca_cert.pem --issuer-key myca_key.pem -domain a.b")),
            Map.entry("man", List.of(
                    "$ vtool man lint                                # then: vtool man lint | man -l -",
                    "$ vtool man --dir man1                          # every page, for MANPATH")),
            Map.entry("diagnose", List.of(
                    "$ vtool diagnose testdata/logs/client-browser.log",
                    "$ vtool diagnose --config client.json --line 'unknown Socks version: 71'",
                    "Also from a pipe: journalctl -u v2ray | vtool diagnose")));
}
