package io.novix.core.privacy.entity;

import io.novix.core.tenant.entity.ComplianceProfile;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.EnumSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hardening class 10: each kind of personal data is found, checksums keep look-alikes, counts never values. */
class RedactorTest {

    private final Redactor all = new Redactor(EnumSet.allOf(PiiRule.class));

    @Test
    void eachKindIsRemovedAndCounted() {
        String text = "Mail jane.doe+x@bank.example, call +44 20 7946 0958, pay DE89 3704 0044 0532 0130 00 "
                + "with card 4111 1111 1111 1111, SSN 123-45-6789, from 10.2.3.4 or 2001:0db8:85a3:0000:0000:8a2e:0370:7334.";
        String clean = all.text(text);
        for (String secret : List.of("jane.doe", "7946", "DE89", "4111", "123-45-6789", "10.2.3.4", "2001:0db8")) {
            assertFalse(clean.contains(secret), secret + " survived: " + clean);
        }
        assertTrue(clean.contains("[REDACTED:EMAIL]") && clean.contains("[REDACTED:CARD]") && clean.contains("[REDACTED:IBAN]"), clean);
        assertEquals("EMAIL=1,IBAN=1,CARD=1,US_SSN=1,IP_ADDRESS=2,PHONE=1", all.summary());
    }

    @Test
    void lookAlikesThatFailTheirChecksumAreKept() {
        String text = "Order 1234 5678 9012 3456 shipped in 2026; IBAN-ish DE00 1234 5678; total 1999.50; version 1.2.3";
        assertEquals(text, all.text(text), "a card number must pass Luhn, an IBAN mod 97; years and prices are not phones");
        assertFalse(all.removedAnything());
    }

    @Test
    void jsonContentIsRedactedButSettingsAreNot() {
        JsonObject body = Json.createReader(new StringReader("{\"model\":\"org/jane@x.example\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"I am jane@x.example\"},{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"SSN 123-45-6789\"}]}],"
                + "\"max_tokens\":20}")).readObject();
        JsonObject clean = all.json(body);
        assertEquals("org/jane@x.example", clean.getString("model"), "settings are never rewritten");
        assertEquals("I am [REDACTED:EMAIL]", clean.getJsonArray("messages").getJsonObject(0).getString("content"));
        assertEquals("SSN [REDACTED:US_SSN]", clean.getJsonArray("messages").getJsonObject(1).getJsonArray("content")
                .getJsonObject(0).getString("text"));
        assertEquals(20, clean.getInt("max_tokens"));
    }

    @Test
    void theDefaultFollowsTheComplianceProfile() {
        assertTrue(RedactionPolicy.defaultFor(ComplianceProfile.HIPAA).redactor().isPresent());
        assertTrue(RedactionPolicy.defaultFor(ComplianceProfile.FEDRAMP_HIGH).redactor().isPresent());
        assertTrue(RedactionPolicy.defaultFor(ComplianceProfile.SOC2).redactor().isEmpty());
    }
}
