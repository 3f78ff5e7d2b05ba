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

    /** A UUID like d9861426-8104-4623-90f0-... once lost "9861426-8104-4623-90" as a card number (it passes Luhn). */
    @Test
    void identifiersThatHoldLuhnValidDigitRunsAreKept() {
        String text = "request d9861426-8104-4623-90f0-2a5b45f8a2fe, trace 98614268-1044-6239-0a5b-45f8a2fe0011, sha 9861426810446239x";
        assertEquals(text, all.text(text), "a digit run glued to a word is an identifier");
        assertEquals("card [REDACTED:CARD], again [REDACTED:CARD]. (-[REDACTED:CARD])",
                all.text("card 4111-1111-1111-1111, again 4111111111111111. (-4111 1111 1111 1111)"));
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

    /** The shape test that skips a rule must never change an answer: every rule run on every text gives the same. */
    @Test
    void skippingRulesThatCannotMatchChangesNothing() {
        java.util.Random random = new java.util.Random(20261205);
        String alphabet = "0123456789 -.:@+()ABDEZabcz_,";
        int redacted = 0;
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            int length = 1 + random.nextInt(60);
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(random.nextInt(random.nextBoolean() ? 10 : alphabet.length())));
            }
            String t = text.toString();
            Redactor fast = new Redactor(EnumSet.allOf(PiiRule.class));
            assertEquals(everyRule(t), fast.text(t), t);
            redacted += fast.removedAnything() ? 1 : 0;
        }
        assertTrue(redacted > 300 && redacted < 19_000, "the texts exercise both paths: " + redacted + " redacted");
        String plain = "Summarise the attached minutes in three bullet points, please.";
        JsonObject body = Json.createReader(new StringReader("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\""
                + plain + "\"}]}")).readObject();
        assertTrue(body == all.json(body), "nothing to remove: the very same object goes on");
    }

    /** The reference: each rule in order over the whole text, no shortcut. */
    private static String everyRule(String text) {
        String out = text;
        for (PiiRule rule : PiiRule.values()) {
            java.util.regex.Matcher m = rule.pattern().matcher(out);
            StringBuilder b = new StringBuilder();
            int last = 0;
            while (m.find()) {
                if (m.end() > m.start() && rule.accepts(out.substring(m.start(), m.end()))) {
                    b.append(out, last, m.start()).append(rule.mask());
                    last = m.end();
                }
            }
            out = b.append(out, last, out.length()).toString();
        }
        return out;
    }
}
