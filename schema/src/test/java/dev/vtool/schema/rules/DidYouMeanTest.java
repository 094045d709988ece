package dev.vtool.schema.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.vtool.schema.text.DidYouMean;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules' use of the shared {@link DidYouMean}: their enum tables and alias maps. */
class DidYouMeanTest {
    @Test
    void suggestsCloseWords() {
        assertEquals("vmess", DidYouMean.suggest("vmss", dev.vtool.schema.protocol.ConfigProtocols.discovered().ids(dev.vtool.schema.protocol.Side.OUTBOUND)));
        assertEquals("tcp", DidYouMean.suggest("tpc", V2rayEnums.NETWORKS));
        assertEquals("freedom", DidYouMean.suggest("Freedon", dev.vtool.schema.protocol.ConfigProtocols.discovered().ids(dev.vtool.schema.protocol.Side.OUTBOUND)));
        assertEquals("tls", DidYouMean.suggest("https", V2rayEnums.SECURITIES, V2rayEnums.SECURITY_ALIASES));
        assertEquals("IPIfNonMatch", DidYouMean.suggest("IPIfNonMatched", V2rayEnums.ROUTING_DOMAIN_STRATEGY_NAMES));
    }

    @Test
    void staysQuietWhenNothingIsClose() {
        assertNull(DidYouMean.suggest("wireguard", dev.vtool.schema.protocol.ConfigProtocols.discovered().ids(dev.vtool.schema.protocol.Side.OUTBOUND)));
        assertNull(DidYouMean.suggest("ab", List.of("http")));
        assertNull(DidYouMean.suggest("tls", List.of("tls"), Map.of()), "an exact match needs no suggestion");
    }
}
