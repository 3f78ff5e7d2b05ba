package io.novix.core.privacy.entity;

import io.novix.core.kernel.InvalidRequest;
import io.novix.core.tenant.entity.ComplianceProfile;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hardening class 10: a tenant's own kinds of personal data, and why a hostile pattern cannot stall Novix. */
class CustomPatternTest {

    @Test
    void aCustomKindIsRemovedAndCountedByItsName() {
        Redactor r = new Redactor(EnumSet.of(PiiRule.EMAIL), List.of(new CustomPattern("EMPLOYEE_ID", "EMP-[0-9]{6}")));
        String clean = r.text("EMP-004211 wrote to a@b.example about EMP-000001 and EMP-12");
        assertEquals("[REDACTED:EMPLOYEE_ID] wrote to [REDACTED:EMAIL] about [REDACTED:EMPLOYEE_ID] and EMP-12", clean);
        assertEquals("EMAIL=1,EMPLOYEE_ID=2", r.summary());
    }

    @Test
    void patternsThatBacktrackCatastrophicallyAreRefused() {
        for (String evil : List.of("(a+)+$", "(a|a)*b", "(\\d+)*x", "([a-z ]+)*!", "(x+x+)+y", "(?=.*z)q", "(.*,){3,}!")) {
            assertThrows(InvalidRequest.class, () -> new CustomPattern("EVIL", evil), evil);
        }
    }

    @Test
    void malformedOrUnsafeDefinitionsAreRefused() {
        for (String[] bad : new String[][]{{"lower", "x"}, {"EMAIL", "x"}, {"OK", ""}, {"OK", "("}, {"OK", "(a)\\1"},
                {"OK", "a*"}, {"OK", "x".repeat(201)}, {"A".repeat(33), "x"}, {"B${env.X}", "x"}}) {
            assertThrows(InvalidRequest.class, () -> new CustomPattern(bad[0], bad[1]), bad[0] + " / " + bad[1]);
        }
    }

    @Test
    void aPatternThatExhaustsItsBudgetAtRunTimeFailsClosed() {
        // linear but reading up to 200 characters at every position: accepted, yet over the per-character budget on this text
        CustomPattern sneaky = new CustomPattern("SNEAKY", "[a-y]{0,200}z");
        Redactor r = new Redactor(Set.of(), List.of(sneaky));
        String secret = "q".repeat(5_000) + " card 4111";
        assertEquals("[REDACTED:SNEAKY]", r.text(secret));
        assertEquals("SNEAKY=1", r.summary());
    }

    @Test
    void tenantSettingsOverrideTheProfileAndWeakeningIsDetected() {
        RedactionPolicy hipaa = RedactionPolicy.defaultFor(ComplianceProfile.HIPAA);
        assertTrue(new RedactionPolicy(false, hipaa.rules()).weakerThan(hipaa), "not redacting at all");
        assertTrue(new RedactionPolicy(true, EnumSet.of(PiiRule.EMAIL)).weakerThan(hipaa), "dropping kinds");
        assertFalse(new RedactionPolicy(true, hipaa.rules(), List.of(new CustomPattern("CASE", "CASE-[0-9]+"))).weakerThan(hipaa));
        RedactionPolicy soc2 = RedactionPolicy.defaultFor(ComplianceProfile.SOC2);
        assertFalse(new RedactionPolicy(false, Set.of()).weakerThan(soc2), "SOC 2 requires nothing");

        TenantRedaction settings = new TenantRedaction(java.util.UUID.randomUUID());
        settings.set(true, null, List.of(new CustomPattern("CASE", "CASE-[0-9]+")), java.time.Instant.now());
        RedactionPolicy effective = settings.effective(ComplianceProfile.SOC2);
        assertTrue(effective.upstream() && effective.rules().isEmpty() && effective.custom().size() == 1, effective.toString());
        assertEquals("[REDACTED:CASE]", effective.redactor().orElseThrow().text("CASE-42"));
    }
}
