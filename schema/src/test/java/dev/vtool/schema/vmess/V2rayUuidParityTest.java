package dev.vtool.schema.vmess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.testkit.V2rayBinary;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our parser's verdicts against `v2ray -test` (which instantiates the VMess inbound and parses ids):
 * exit 0 when accepted, 23 with the same error text when rejected, 2 with a panic when it crashes.
 */
class V2rayUuidParityTest {
    private static final String ID = "b831381d-6324-4d53-ad4f-8cda48b30811";

    @Test
    void verdictsAgreeWithV2ray(@TempDir Path dir) throws Exception {
        V2rayBinary.require();
        String[] forms = {ID, ID.toUpperCase().replace("-", ""), "-" + ID, ID + "xyz", ID + "-garbage", "{" + ID + "}",
                "urn:uuid:" + ID, "b831381d6-324-4d53-ad4f-8cda48b30811", "b831381d--6324-4d53-ad4f-8cda48b30811",
                "short", ID.substring(0, 35), "b831381d6324-4d53-ad4f-8cda48b3081", "b831381d-6324-4d53-ad4f-8cda48b3081g",
                "b831381d-6324-4d53-ad4f-8cda48b3", "b831381d-6324-4d53-ad4f8cda48b308", "ü831381d-6324-4d53-ad4f-8cda48b30811",
                "my-secret-password-for-vmess-users"};
        for (String form : forms) {
            Path config = dir.resolve("c.json");
            Files.writeString(config, "{\"inbounds\":[{\"port\":1,\"listen\":\"127.0.0.1\",\"protocol\":\"vmess\","
                    + "\"settings\":{\"clients\":[{\"id\":\"" + form + "\"}]}}],\"outbounds\":[{\"protocol\":\"freedom\"}]}");
            V2rayBinary.TestRun run = V2rayBinary.test(config);
            V2rayUuid.Parse ours = V2rayUuid.parse(form);
            int expectedExit = switch (ours.outcome()) {
                case OK -> 0;
                case REJECTED -> 23;
                case CRASH -> 2;
            };
            assertEquals(ours.ok(), run.accepted(), form + ": v2ray said " + run.output());
            assertEquals(expectedExit, run.exitCode(), form + ": " + run.output());
            if (ours.outcome() == V2rayUuid.Outcome.REJECTED) {
                assertTrue(run.output().contains(ours.error()), form + ": expected '" + ours.error() + "' in " + run.output());
            }
            if (ours.outcome() == V2rayUuid.Outcome.CRASH) {
                assertTrue(run.output().contains("panic"), form + ": expected a panic in " + run.output());
            }
        }
    }
}
