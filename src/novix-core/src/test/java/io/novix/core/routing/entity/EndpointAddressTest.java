package io.novix.core.routing.entity;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class EndpointAddressTest {

    private static String refusal(String url) {
        return EndpointAddress.refusal(URI.create(url));
    }

    @Test
    void numericSpellingsAndMetadataNamesAreRefusedEveryTimeTheyAreAsked() {
        for (int i = 0; i < 3; i++) { // the spelling's verdict is remembered: the second answer must be the first
            assertEquals("the host must be a name or a dotted IP address", refusal("http://2852039166/latest"));
            assertEquals("the host must be a name or a dotted IP address", refusal("http://0xA9FEA9FE/"));
            assertEquals("cloud metadata services are never an endpoint", refusal("http://Metadata.Google.Internal/"));
        }
    }

    @Test
    void whatAnAddressIsDecidesForDottedAndBracketedHosts() {
        String never = "link-local, unspecified, multicast and metadata addresses are never an endpoint";
        assertEquals(never, refusal("http://169.254.169.254/latest/meta-data"));
        assertEquals(never, refusal("http://0.0.0.0:8080/"));
        assertEquals(never, refusal("http://[fe80::1]/"));
        assertEquals(never, refusal("http://[fd00:ec2::254]/"));
        assertEquals(never, refusal("http://224.0.0.1/"));
        assertNull(refusal("http://127.0.0.1:8080/v1"));
        assertNull(refusal("https://router.huggingface.co/v1"));
    }
}
