package io.novix.core.credentials.boundary;

import io.novix.core.credentials.entity.SecretText;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HF_API_KEY as configured: plain only where development allows it; a sealed value is recognised and checked. */
class UpstreamCredentialsTest {

    private static UpstreamCredentials with(String hfApiKey, boolean allowPlain) {
        UpstreamCredentials c = new UpstreamCredentials();
        c.configured = Optional.ofNullable(hfApiKey);
        c.allowPlain = allowPlain;
        c.gauges = new io.novix.core.kernel.CacheGauges(); // no registry: publishes nothing
        return c;
    }

    @Test
    void aPlainKeyIsRefusedOutsideDevelopmentWithoutShowingIt() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> with("hf_plainsecret123", false).init());
        assertFalse(e.getMessage().contains("hf_plainsecret123"));
        UpstreamCredentials dev = with("hf_plainsecret123", true);
        dev.init();
        assertEquals(Optional.of("hf_plainsecret123"), dev.fromConfig);
        UpstreamCredentials none = with(null, false);
        none.init();
        assertTrue(none.fromConfig.isEmpty());
    }

    @Test
    void theSealedFormNamesItsKekAndRoundTrips() {
        SecretText t = new SecretText("0123abcd", new byte[]{1, 2, 3, (byte) 250});
        assertEquals(t.kekId(), SecretText.parse(t.text()).orElseThrow().kekId());
        assertTrue(SecretText.parse("hf_plain").isEmpty());
        assertThrows(IllegalArgumentException.class, () -> SecretText.parse("sealed:nocolon"));
        assertThrows(IllegalArgumentException.class, () -> SecretText.parse("sealed:k:%%%"));
        assertFalse(SecretText.plausible("short"));
        assertFalse(SecretText.plausible("with space inside"));
        assertTrue(SecretText.plausible("hf_abcdefgh"));
        assertEquals(16, SecretText.fingerprint("hf_abcdefgh").length());
    }
}
