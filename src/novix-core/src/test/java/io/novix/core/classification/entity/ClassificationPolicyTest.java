package io.novix.core.classification.entity;

import io.novix.core.kernel.Forbidden;
import io.novix.core.kernel.InvalidRequest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ClassificationPolicyTest {

    private final ClassificationPolicy acme = new ClassificationPolicy("confidential", List.of("phi"), List.of(
            new ClassificationRule("phi", List.of("org/clinical"), List.of("eu-west-1")),
            new ClassificationRule("restricted", List.of(), List.of("eu-central-1"))));

    @Test
    void aCallCarriesItsCallersLabelOrTheTenantsDefault() {
        assertEquals("confidential", acme.labelOf(null));
        assertEquals("confidential", acme.labelOf(" "));
        assertEquals("phi", acme.labelOf("PHI"));
        assertEquals("public", acme.labelOf("public"));
        assertEquals("internal", ClassificationPolicy.STANDARD.labelOf(null));
        for (String unknown : List.of("secret", "phi2", "${env.X}", "x".repeat(100))) {
            InvalidRequest e = assertThrows(InvalidRequest.class, () -> acme.labelOf(unknown), unknown);
            assertEquals("invalid_data_classification", e.code().code());
        }
    }

    @Test
    void aRuleRefusesOtherModelsAndNarrowsTheRegions() {
        assertEquals(List.of("eu-west-1"), acme.regionsFor("phi", "org/clinical", List.of()), "any region narrowed to the rule's");
        assertEquals(List.of("eu-west-1"), acme.regionsFor("phi", "org/clinical:provider", List.of("eu-west-1", "us-east-1")));
        assertEquals(List.of("us-east-1"), acme.regionsFor("public", "org/any", List.of("us-east-1")), "no rule: unchanged");
        assertEquals("classification_not_allowed",
                assertThrows(Forbidden.class, () -> acme.regionsFor("phi", "org/chatty", List.of())).code().code());
        assertEquals("classification_not_allowed", assertThrows(Forbidden.class,
                () -> acme.regionsFor("restricted", "org/any", List.of("us-east-1"))).code().code(), "no region left");
    }

    @Test
    void settingsAreValidated() {
        assertThrows(InvalidRequest.class, () -> new ClassificationPolicy("nope", List.of(), List.of()), "unknown default");
        assertThrows(InvalidRequest.class, () -> new ClassificationPolicy(null, List.of("public"), List.of()), "a built-in twice");
        assertThrows(InvalidRequest.class, () -> new ClassificationPolicy(null, List.of("Bad Label"), List.of()));
        assertThrows(InvalidRequest.class, () -> new ClassificationPolicy(null, List.of(),
                List.of(new ClassificationRule("unknown", List.of(), List.of()))), "a rule for an unknown label");
        assertThrows(InvalidRequest.class, () -> new ClassificationPolicy(null, List.of(), List.of(
                new ClassificationRule("public", List.of(), List.of()), new ClassificationRule("public", List.of(), List.of()))));
    }
}
